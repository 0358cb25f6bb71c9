package nl.inzage.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationRequest;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationsRequest;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes how POST /access/v1/evaluation and /access/v1/evaluations read a body before anything is
 * decided: Jackson into the AuthZEN records, then {@link AuthzenRequests#toAccessRequest} and
 * {@link RevisionHeaders#read} (for the batch, entry by entry with the top-level defaults, as
 * {@link EvaluationResource} does). Whatever the bytes, the result is an AccessRequest, a
 * {@link JsonProcessingException} or a {@link CharConversionException} (undecodable bytes; ProblemMapper
 * maps both to 400) or a {@link ProblemException} with a 4xx; anything else is a finding.
 *
 * <p>Without JAZZER_FUZZ this replays src/test/resources/nl/inzage/gateway/rest/AuthzenRequestsFuzzTestInputs/
 * as a unit test; with JAZZER_FUZZ=1 it fuzzes one method per run (tests/chaos.sh runs both).
 */
class AuthzenRequestsFuzzTest {

    /**
     * The request-body mapper as Quarkus builds it for this service: its defaults (unknown
     * properties ignored; quarkus.jackson.fail-on-unknown-properties=false) and the modules on the
     * class path; application.properties sets no quarkus.jackson.* and there is no
     * ObjectMapperCustomizer. Keep this in step when the gateway's mapper changes.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** inzage.gateway.max-evaluations' default. */
    private static final int MAX_EVALUATIONS = 100;

    @FuzzTest(maxDuration = "60s")
    void evaluation(byte[] body) throws IOException {
        EvaluationRequest request;
        try {
            request = MAPPER.readValue(body, EvaluationRequest.class);
        } catch (JsonProcessingException | CharConversionException unreadable) {
            return;
        }
        try {
            AuthzenRequests.toAccessRequest(request);
            RevisionHeaders.read(request.context(), null, null);
        } catch (ProblemException refused) {
            requireClientError(refused);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void evaluations(byte[] body) throws IOException {
        EvaluationsRequest batch;
        try {
            batch = MAPPER.readValue(body, EvaluationsRequest.class);
        } catch (JsonProcessingException | CharConversionException unreadable) {
            return;
        }
        try {
            if (batch == null) {
                throw ProblemException.badRequest("The body must be an AuthZEN evaluations request.");
            }
            EvaluationResource.semantic(batch.options());
            List<EvaluationRequest> entries = batch.evaluations() == null || batch.evaluations().isEmpty()
                    ? List.of(new EvaluationRequest(null, null, null, null))
                    : batch.evaluations();
            if (entries.size() > MAX_EVALUATIONS) {
                throw ProblemException.badRequest("At most " + MAX_EVALUATIONS + " evaluations per request.");
            }
            for (EvaluationRequest given : entries) {
                EvaluationRequest entry = EvaluationResource.withDefaults(given, batch);
                AuthzenRequests.toAccessRequest(entry);
                RevisionHeaders.read(entry.context(), null, null);
            }
        } catch (ProblemException refused) {
            requireClientError(refused);
        }
    }

    /** The seeds named valid-* become access requests, so the fuzzer starts from inputs that pass every check. */
    @Test
    void validSeedsAreRead() throws IOException, URISyntaxException {
        for (Path seed : validSeeds("evaluation")) {
            EvaluationRequest request = MAPPER.readValue(Files.readAllBytes(seed), EvaluationRequest.class);
            assertThat(AuthzenRequests.toAccessRequest(request).patientBsn()).as(seed.toString()).isEqualTo("999993653");
        }
        for (Path seed : validSeeds("evaluations")) {
            EvaluationsRequest batch = MAPPER.readValue(Files.readAllBytes(seed), EvaluationsRequest.class);
            List<EvaluationRequest> entries = batch.evaluations() == null ? List.of(new EvaluationRequest(null, null, null, null))
                    : batch.evaluations();
            for (EvaluationRequest entry : entries) {
                assertThat(AuthzenRequests.toAccessRequest(EvaluationResource.withDefaults(entry, batch)).patientBsn())
                        .as(seed.toString()).isEqualTo("999993653");
            }
        }
    }

    private static List<Path> validSeeds(String method) throws IOException, URISyntaxException {
        Path directory = Path.of(AuthzenRequestsFuzzTest.class.getResource("AuthzenRequestsFuzzTestInputs/" + method).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> seeds = files.filter(f -> f.getFileName().toString().startsWith("valid-")).sorted().toList();
            assertThat(seeds).isNotEmpty();
            return seeds;
        }
    }

    private static void requireClientError(ProblemException refused) {
        if (refused.status() < 400 || refused.status() > 499) {
            throw new AssertionError("A refused request must be a 4xx, not " + refused.status() + ": " + refused.getMessage(), refused);
        }
    }
}
