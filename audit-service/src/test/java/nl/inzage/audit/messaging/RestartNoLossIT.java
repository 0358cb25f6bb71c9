package nl.inzage.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.inzage.audit.TestEvents;
import nl.inzage.audit.TestUras;
import nl.inzage.audit.service.ChainService;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.CloudEventHeaders;
import nl.inzage.contracts.EventTypes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost across a {@code kill -9} of the service mid-stream. The service under test is a
 * second process: the packaged {@code target/quarkus-app/quarkus-run.jar} (prod profile), started
 * by this test against the test database and broker, on a topic and consumer group of its own so
 * the {@code @QuarkusTest} application next to it never reads the same records. Produce N, wait
 * until some (not all) are stored, SIGKILL, start it again, and count exactly N.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RestartNoLossIT {

    private static final Logger LOG = Logger.getLogger(RestartNoLossIT.class);
    private static final int N = 5000;
    private static final Duration START = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "inzage.db.name")
    String database;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    ChainService chain;

    Process service;
    Path logFile;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void everyEventIsStoredExactlyOnceAfterAKillDashNineMidStream() throws Exception {
        String topic = "audit.events.restart-" + UUID.randomUUID();
        String group = "restart-it-" + UUID.randomUUID();
        String ura = TestUras.random();
        int port = freePort();
        logFile = Files.createTempFile("audit-restart-it", ".log");
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.topics().createAndWait(topic, 3);
            service = start(topic, group, port);
            awaitReady(port);

            List<ProducerRecord<String, String>> records = new ArrayList<>(N);
            for (int i = 0; i < N; i++) {
                AccessDecided e = TestEvents.access(Instant.now(), "999993653", "900000101", "verloskundige", ura,
                        "00000201", "pregnancy", "permit", false, List.of("consent-permit"));
                RecordHeaders headers = new RecordHeaders();
                headers.add(CloudEventHeaders.ID, e.eventId().getBytes(StandardCharsets.UTF_8));
                headers.add(CloudEventHeaders.TYPE, EventTypes.ACCESS_DECIDED.getBytes(StandardCharsets.UTF_8));
                records.add(new ProducerRecord<>(topic, null, e.eventId(), json.writeValueAsString(e), headers));
            }
            kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));

            long atKill = await().atMost(START).pollInterval(Duration.ofMillis(20)).until(() -> count(ura), c -> c > 0);
            service.destroyForcibly().waitFor();
            long afterKill = count(ura);
            LOG.infof("killed the service (SIGKILL) with %d of %d stored (%d after it died)", atKill, N, afterKill);

            service = start(topic, group, port);
            awaitReady(port);
            long finalCount = await().atMost(START).pollInterval(Duration.ofMillis(250))
                    .until(() -> count(ura), c -> c >= N);
            // Let a late duplicate show up if the restart were to write one.
            Thread.sleep(2000);

            assertThat(afterKill).as("the kill came mid-stream").isLessThan(N);
            assertThat(finalCount).isEqualTo(N);
            assertThat(count(ura)).isEqualTo(N);
            // A transaction cut off by the kill left no half-linked batch behind.
            assertThat(chain.verify(null, null).await().atMost(START).intact()).isTrue();
        } catch (AssertionError | RuntimeException e) {
            LOG.infof("service log:%n%s", Files.readString(logFile));
            throw e;
        }
    }

    private Process start(String topic, String group, int port) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx192m",
                "-Dquarkus.http.port=" + port,
                "-Dinzage.db.name=" + database,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dmp.messaging.incoming.audit-in.topic=" + topic,
                "-Dmp.messaging.incoming.audit-in.group.id=" + group,
                "-Dmp.messaging.incoming.changes-in.group.id=" + group + "-changes",
                // The test owns the schema (Flyway already ran in the @QuarkusTest app).
                "-Dquarkus.flyway.migrate-at-start=false",
                "-Dquarkus.oidc.tenant-enabled=false",
                "-jar", jar.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .directory(new File("."))
                .start();
    }

    private void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(service.isAlive()).as("the service process is running").isTrue();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return ready.statusCode() == 200;
        });
    }

    private long count(String ura) {
        return pool.preparedQuery("select count(*) as n from audit_record where organization_ura = $1")
                .execute(Tuple.of(ura)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
