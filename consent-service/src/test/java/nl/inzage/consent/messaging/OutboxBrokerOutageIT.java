package nl.inzage.consent.messaging;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.consent.Fixtures;
import nl.inzage.consent.TestTokens;
import nl.inzage.contracts.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Stops the real test broker ({@code KAFKA_INSTANCE=test deploy/local/kafka.sh}) while consents are
 * written: the writes succeed, and after the restart every change arrives (a re-sent one unchanged), the
 * newest last.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class OutboxBrokerOutageIT {

    private static final Path KAFKA_SCRIPT = Path.of("..", "deploy", "local", "kafka.sh");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryChangeArrivesWithTheNewestLast() throws Exception {
        assertThat(kafka("status")).as("the test broker runs under KAFKA_INSTANCE=test deploy/local/kafka.sh").isZero();
        String source = TestTokens.sourceSystem("00000101");
        ObjectNode consent = create(freshBsn(), "00000101");
        String id = consent.get("id").asText();

        assertThat(kafka("stop")).isZero();
        try {
            for (String status : List.of("inactive", "active", "inactive")) {
                consent.put("status", status);
                given().auth().oauth2(source).contentType("application/fhir+json").body(consent.toString())
                        .put("/fhir/Consent/" + id)
                        .then().statusCode(200);
            }
        } finally {
            assertThat(kafka("start")).isZero();
        }

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> events = kafka.consumeStrings()
                    .withGroupId("outage-it-" + UUID.randomUUID())
                    .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                    .fromTopics(Topics.CONSENT_EVENTS);
            // Nothing lost is the point, not how fast: after a restart on a loaded 2-core machine the
            // broker's leader election and the idempotent producer's recovery have taken over a minute.
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                List<JsonNode> seen = mine(events, id);
                return seen.stream().map(event -> event.get("version").asInt()).distinct().count() == 4
                        && seen.get(seen.size() - 1).get("version").asInt() == 4;
            });
            // Give a duplicate the chance to show up before counting.
            Thread.sleep(2000);
            // Delivery is at least once: a batch the broker took but did not acknowledge before it
            // stopped is sent again. A re-sent event is the very same event (same ce_id and body), and
            // the newest version is the key's last record, so version-aware consumers end up right.
            List<JsonNode> mine = mine(events, id);
            Map<String, JsonNode> byEventId = new LinkedHashMap<>();
            for (JsonNode event : mine) {
                JsonNode first = byEventId.putIfAbsent(event.get("eventId").asText(), event);
                assertThat(first == null || first.equals(event)).as("a re-sent event is the same event").isTrue();
            }
            List<JsonNode> changes = byEventId.values().stream()
                    .sorted(Comparator.comparingInt(event -> event.get("version").asInt())).toList();
            assertThat(changes).extracting(event -> event.get("version").asInt()).containsExactly(1, 2, 3, 4);
            assertThat(changes).extracting(event -> event.get("status").asText())
                    .containsExactly("active", "inactive", "active", "inactive");
            assertThat(mine.get(mine.size() - 1).get("version").asInt()).as("the last record of the key").isEqualTo(4);
            events.close();
        }
    }

    private static List<JsonNode> mine(ConsumerTask<String, String> events, String id) {
        return events.getRecords().stream()
                .filter(record -> id.equals(record.key()))
                .map(record -> Fixtures.read(record.value()))
                .toList();
    }

    private static int kafka(String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kafka-script", ".log");
        ProcessBuilder builder = new ProcessBuilder(KAFKA_SCRIPT.toString(), command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_INSTANCE", "test");
        Process process = builder.start();
        return process.waitFor();
    }
}
