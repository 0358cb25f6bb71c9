package nl.inzage.relationship.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.Topics;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.TestTokens;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Stops the real test broker ({@code KAFKA_INSTANCE=test deploy/local/kafka.sh}) while relationships
 * are registered and ended: the writes succeed, and after the restart every change arrives and the
 * last record of the relationship's key is its latest version (what compaction keeps). The relay
 * delivers at least once (see {@code OutboxRelay}): a batch cut short by the outage is sent again as
 * the very same events (same {@code eventId}), so an older version can show up again after a newer
 * one; consumers skip what they saw and let the newer version win (the gateway's projection does).
 * A lost change, or two different events for one version, fails this test.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class OutboxBrokerOutageIT {

    private static final Path KAFKA_SCRIPT = Path.of("..", "deploy", "local", "kafka.sh");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryChangeArrivesAfterTheRestart() throws Exception {
        assertThat(kafka("status")).as("the test broker runs under KAFKA_INSTANCE=test deploy/local/kafka.sh").isZero();
        String source = TestTokens.sourceSystem("00000101");
        String bsn = Fixtures.freshBsn();

        String id;
        assertThat(kafka("stop")).isZero();
        try {
            id = given().auth().oauth2(source).contentType("application/json")
                    .body(Fixtures.registration(bsn, "00000101", "treatment", "2026-11-01", null))
                    .post("/relationships")
                    .then().statusCode(201).extract().path("id");
            given().auth().oauth2(source).contentType("application/json")
                    .body("{\"end\": \"2026-11-20\", \"reason\": \"Discharged\"}")
                    .post("/relationships/" + id + "/end")
                    .then().statusCode(200);
        } finally {
            assertThat(kafka("start")).isZero();
        }

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerTask<String, String> events = kafka.consumeStrings()
                    .withGroupId("outage-it-" + UUID.randomUUID())
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(Topics.RELATIONSHIP_EVENTS);
            // Nothing lost is the point, not how fast: after a restart on a loaded 2-core machine the
            // broker's leader election and the idempotent producer's recovery have taken over a minute.
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                List<JsonNode> seen = mine(events, id);
                return seen.stream().anyMatch(event -> event.get("version").asInt() == 1)
                        && !seen.isEmpty() && seen.get(seen.size() - 1).get("version").asInt() == 2;
            });
            // Give a duplicate the chance to show up before counting.
            Thread.sleep(2000);
            List<JsonNode> mine = mine(events, id);
            Map<String, JsonNode> byEventId = new LinkedHashMap<>();
            for (JsonNode event : mine) {
                JsonNode first = byEventId.putIfAbsent(event.get("eventId").asText(), event);
                assertThat(first == null || first.equals(event)).as("a re-sent event is the same event").isTrue();
            }
            List<JsonNode> changes = List.copyOf(byEventId.values());
            assertThat(changes).extracting(event -> event.get("version").asInt()).containsExactlyInAnyOrder(1, 2);
            assertThat(changes).filteredOn(event -> event.get("version").asInt() == 2)
                    .extracting(event -> event.get("status").asText()).containsExactly("ended");
            assertThat(mine.get(mine.size() - 1).get("version").asInt()).as("the last record of the key").isEqualTo(2);
            events.close();
        }
    }

    private static List<JsonNode> mine(ConsumerTask<String, String> events, String id) {
        return events.getRecords().stream()
                .filter(record -> id.equals(record.key()))
                .map(record -> read(record.value()))
                .toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
