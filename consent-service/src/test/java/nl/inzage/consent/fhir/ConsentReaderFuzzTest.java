package nl.inzage.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.inzage.consent.FhirProblem;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes what POST and PUT /fhir/Consent do with a body before the database: parse, ppc-1, the
 * informed-consent check and the register's facts (ConsentResource#create). Whatever the bytes,
 * the reader returns facts or refuses with a {@link FhirProblem} that FhirProblemMapper turns into
 * an OperationOutcome with a 4xx. Any other throwable (a NullPointerException, a
 * ClassCastException, a StackOverflowError, ...) or a 5xx problem is a finding.
 *
 * <p>Without JAZZER_FUZZ this replays src/test/resources/nl/inzage/consent/fhir/ConsentReaderFuzzTestInputs/
 * as a unit test; with JAZZER_FUZZ=1 it fuzzes (tests/chaos.sh runs it).
 */
public class ConsentReaderFuzzTest {

    private static final FhirContext FHIR = FhirContextProducer.newContext();
    private static final ConsentReader READER = new ConsentReader(FHIR);

    @FuzzTest(maxDuration = "60s")
    void consentBody(byte[] input) {
        // RESTEasy hands the resource the body as a String decoded as UTF-8 (malformed bytes become U+FFFD).
        String body = new String(input, StandardCharsets.UTF_8);
        try {
            Consent consent = READER.parse(body);
            READER.requireValidR4(consent);
            READER.requireInformedConsent(consent);
            READER.facts(consent);
        } catch (FhirProblem refused) {
            requireClientError(refused);
        }
    }

    /** The seeds named valid-* get past every check, so the fuzzer starts from inputs that reach the facts. */
    @Test
    void validSeedsAreRead() throws IOException, URISyntaxException {
        List<Path> seeds = validSeeds(ConsentReaderFuzzTest.class, "ConsentReaderFuzzTestInputs/consentBody");
        assertThat(seeds).isNotEmpty();
        for (Path seed : seeds) {
            Consent consent = READER.parse(Files.readString(seed));
            READER.requireValidR4(consent);
            READER.requireInformedConsent(consent);
            assertThat(READER.facts(consent).patientBsn()).as(seed.toString()).isEqualTo("999993653");
        }
    }

    /** The files named valid-* of a test's inputs directory. */
    public static List<Path> validSeeds(Class<?> test, String directory) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(test.getResource(directory).toURI()))) {
            return files.filter(f -> f.getFileName().toString().startsWith("valid-")).sorted().toList();
        }
    }

    static void requireClientError(FhirProblem problem) {
        if (problem.status() < 400 || problem.status() > 499) {
            throw new AssertionError("A refusal of the caller's body must be a 4xx, not " + problem.status() + ": " + problem.getMessage(), problem);
        }
    }
}
