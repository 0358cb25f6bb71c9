package nl.inzage.consent.mitz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReaderFuzzTest;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.migration.MigrationConfig;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes what POST /mitz/notifications does with a notification before the database:
 * {@link MitzConsentReader#read} of a FHIR XML or JSON Bundle. Whatever the bytes, it returns the
 * Bundle's consents or refuses with a {@link FhirProblem} that FhirProblemMapper turns into an
 * OperationOutcome with a 4xx; any other throwable, or a 5xx problem, is a finding.
 *
 * <p>Without JAZZER_FUZZ this replays src/test/resources/nl/inzage/consent/mitz/MitzConsentReaderFuzzTestInputs/
 * as a unit test; with JAZZER_FUZZ=1 it fuzzes one method per run (tests/chaos.sh runs both).
 */
class MitzConsentReaderFuzzTest {

    /** The mapping of application.properties (inzage.mitz.data-categories, inzage.migration.provider-categories). */
    private static final MitzConsentReader READER = new MitzConsentReader(FhirContextProducer.newContext(), new Mitz(), new Migration());

    @FuzzTest(maxDuration = "60s")
    void xmlNotification(byte[] input) {
        read(input, true);
    }

    @FuzzTest(maxDuration = "60s")
    void jsonNotification(byte[] input) {
        read(input, false);
    }

    /** The seeds named valid-* are read into consents, so the fuzzer starts from inputs that reach the facts. */
    @Test
    void validSeedsAreRead() throws IOException, URISyntaxException {
        for (String format : new String[] {"xml", "json"}) {
            var seeds = ConsentReaderFuzzTest.validSeeds(MitzConsentReaderFuzzTest.class,
                    "MitzConsentReaderFuzzTestInputs/" + format + "Notification");
            assertThat(seeds).isNotEmpty();
            for (Path seed : seeds) {
                var read = READER.read(Files.readString(seed), format.equals("xml"));
                assertThat(read).as(seed.toString()).hasSize(1);
                assertThat(read.get(0).facts().rules()).as(seed.toString()).isNotEmpty();
            }
        }
    }

    private static void read(byte[] input, boolean xml) {
        try {
            READER.read(new String(input, StandardCharsets.UTF_8), xml);
        } catch (FhirProblem refused) {
            if (refused.status() < 400 || refused.status() > 499) {
                throw new AssertionError("A refused notification must be a 4xx, not " + refused.status() + ": " + refused.getMessage(), refused);
            }
        }
    }

    private static final class Mitz implements MitzConfig {
        public boolean enabled() { return true; }
        public String baseUrl() { return "http://127.0.0.1:8095/fhir"; }
        public Duration timeout() { return Duration.ofSeconds(2); }
        public int breakerFailures() { return 5; }
        public Duration breakerOpen() { return Duration.ofSeconds(30); }
        public String notificationEndpoint() { return "http://127.0.0.1:8081/mitz/notifications"; }
        public Optional<String> notificationToken() { return Optional.empty(); }
        public String notificationHeader() { return "X-Mitz-Token"; }
        public Map<String, String> holders() { return Map.of("00000201", "V4"); }
        public Duration answerTtl() { return Duration.ofSeconds(60); }
        public Duration relayIdlePause() { return Duration.ofMillis(500); }
        public Duration relayFirstBackoff() { return Duration.ofSeconds(1); }
        public Duration relayMaxBackoff() { return Duration.ofMinutes(5); }
        public int relayBatchSize() { return 50; }
        public Map<String, Set<String>> dataCategories() {
            return Map.of("GGC002", Set.of("pregnancy", "ultrasound", "medical-history", "psychosocial", "delivery", "postpartum",
                            "newborn", "care-plan"),
                    "uitslagen", Set.of("lab-results"),
                    "medicatiegegevens", Set.of("medication"));
        }
    }

    private static final class Migration implements MigrationConfig {
        public Set<String> knownOrganisations() { return Set.of("00000101", "00000201", "00000301", "00000401", "00000501"); }
        public Map<String, String> providerCategories() { return Map.of("Z3", "RPZAC001", "K4", "RPZAC004", "JGZ", "RPZAC103", "V4", "RPZAC104"); }
        public Map<String, String> mitzDataCategories() { return Map.of("pregnancy", "GGC002", "lab-results", "uitslagen", "medication", "medicatiegegevens"); }
        public Path spoolDir() { return Path.of("target/migration-spool"); }
        public int batchSize() { return 250; }
    }
}
