package nl.inzage.consent.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import nl.inzage.consent.ServiceProcess;
import nl.inzage.consent.TestTokens;
import nl.inzage.consent.migration.MigrationFiles.Kind;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A migration whose service is killed ({@code kill -9}) half-way and started again ends exactly as
 * an uninterrupted run of the same file. The services are the packaged jar (prod profile) as child
 * processes, each with a fresh database of its own: a schema of its own in the test database (the
 * test role may not create databases), created empty here and migrated by the service's Flyway.
 * The kill comes when the status resource shows some records done and not all; the restarted
 * service resumes the job by itself (a job left running is resumed at start).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class MigrationRestartIT {

    private static final Logger LOG = Logger.getLogger(MigrationRestartIT.class);
    private static final int VALID = 1700;
    private static final int EACH_REJECTED = 100;
    private static final int RECORDS = VALID + 3 * EACH_REJECTED;
    private static final Duration DONE = Duration.ofMinutes(4);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "inzage.db.name")
    String databaseName;

    @ConfigProperty(name = "keycloak.url")
    String oidcServer;

    @Inject
    DataSource database;

    @Test
    void aRunKilledHalfWayAndRestartedEndsWithTheSameResultAsAnUninterruptedOne() throws Exception {
        List<Kind> kinds = MigrationFiles.kinds(VALID, EACH_REJECTED, EACH_REJECTED, EACH_REJECTED, 12);
        String csv = MigrationFiles.csv(kinds);
        String whole = freshSchema("migration_whole");
        String killed = freshSchema("migration_killed");

        try (ServiceProcess uninterrupted = service(whole); ServiceProcess interrupted = service(killed)) {
            try {
                uninterrupted.start();
                interrupted.start();
                String wholeJob = upload(uninterrupted, csv);
                String killedJob = upload(interrupted, csv);

                JsonPath atKill = await().atMost(DONE).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(interrupted, killedJob), s -> s.getLong("recordsDone") > 0);
                interrupted.killDashNine();
                Map<String, Object> afterKill = row(killed, "select state, records_done from migration_job");
                LOG.infof("killed the service (SIGKILL) at %d of %d records (%s committed)", atKill.getLong("recordsDone"), RECORDS,
                        afterKill.get("records_done"));
                assertThat(atKill.getLong("recordsDone")).as("the kill came half-way").isLessThan(RECORDS);
                assertThat(afterKill.get("state")).as("the killed job was left running").isEqualTo("running");
                long committedAtKill = ((Number) afterKill.get("records_done")).longValue();
                assertThat(committedAtKill).isBetween(1L, RECORDS - 1L);

                interrupted.start();
                JsonPath resumed = finished(interrupted, killedJob);
                JsonPath reference = finished(uninterrupted, wholeJob);

                assertThat(resumed.getLong("recordsDone")).isEqualTo(RECORDS);
                assertThat(row(killed, "select resumed_from from migration_job").get("resumed_from"))
                        .as("the restart went on from the last committed record").isEqualTo(committedAtKill);
                assertThat(MigrationIT.totals(resumed)).isEqualTo(MigrationIT.totals(reference))
                        .containsEntry("valid", (long) VALID).containsEntry("imported", (long) VALID)
                        .containsEntry("incomplete", (long) EACH_REJECTED).containsEntry("invalid", (long) EACH_REJECTED)
                        .containsEntry("scopeNotMigratable", (long) EACH_REJECTED);

                // Every record's result and outcome, the same in both.
                String report = "select record_no, result, outcome, organisation, detail, consent_id is not null as imported"
                        + " from migration_record order by record_no";
                assertThat(rows(killed, report)).hasSize(RECORDS).isEqualTo(rows(whole, report));
                // Each valid record exactly once (client, data holder, status), and nothing of a rejected one.
                String register = "select patient_bsn, custodian_ura, status, count(*) as n from consent group by 1, 2, 3 order by 1, 2, 3";
                List<Map<String, Object>> consents = rows(killed, register);
                assertThat(consents).isEqualTo(rows(whole, register)).isEqualTo(expected(csv, kinds));
                for (String schema : List.of(whole, killed)) {
                    assertThat(row(schema, "select count(*) as n from consent_version where version = 1 and origin = 'migration'"))
                            .containsEntry("n", (long) VALID);
                    assertThat(row(schema, "select count(*) as n from consent_version")).containsEntry("n", (long) VALID);
                    assertThat(row(schema, "select value from store_revision")).containsEntry("value", (long) VALID);
                    // One event per version, and every one published (the relay of the restarted service too).
                    assertThat(row(schema, "select count(*) as n, count(distinct message_key) as keys, count(distinct event_id) as ids"
                            + " from outbox_event")).containsEntry("n", (long) VALID).containsEntry("keys", (long) VALID)
                            .containsEntry("ids", (long) VALID);
                    assertThat(row(schema, "select count(*) as n from consent_version v join outbox_event o on o.message_key = v.consent_id"
                            + " and o.payload::jsonb ->> 'revision' = v.revision::text")).containsEntry("n", (long) VALID);
                    await().atMost(DONE).until(() -> row(schema, "select count(*) as n from outbox_event where published_at is null")
                            .get("n"), n -> ((Number) n).longValue() == 0);
                }
            } catch (AssertionError | RuntimeException e) {
                LOG.infof("uninterrupted service log:%n%s%ninterrupted service log:%n%s", uninterrupted.log(), interrupted.log());
                throw e;
            }
        }
    }

    /** A fresh token each request: the run outlasts a token's lifetime on a loaded machine. */
    private static String operator() {
        return TestTokens.token("operator-restart", "operator", Map.of());
    }

    private ServiceProcess service(String schema) throws Exception {
        String url = "//127.0.0.1:5432/" + databaseName;
        return new ServiceProcess("consent-" + schema, List.of(
                "quarkus.datasource.reactive.url=postgresql:" + url,
                "quarkus.datasource.reactive.additional-properties.search_path=" + schema,
                "quarkus.datasource.jdbc.url=jdbc:postgresql:" + url + "?currentSchema=" + schema,
                "quarkus.flyway.schemas=" + schema,
                "quarkus.flyway.default-schema=" + schema,
                "kafka.bootstrap.servers=" + bootstrap,
                // No inbound topic matches: this process must not consume the other tests' inbound consents.
                "mp.messaging.incoming.consent-inbound.topic=consent\\.inbound\\.none-" + UUID.randomUUID(),
                "mp.messaging.incoming.consent-inbound.group.id=migration-restart-it-" + UUID.randomUUID(),
                "quarkus.oidc.auth-server-url=" + oidcServer + "/realms/quarkus/",
                "inzage.migration.spool-dir=target/migration-restart-spool/" + schema,
                "inzage.migration.batch-size=50"),
                // A quick start matters more here than top speed: C1 only, one GC thread.
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    private String freshSchema(String name) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + name + " cascade");
            sql.execute("create schema " + name);
        }
        return name;
    }

    /** What the register must hold: one consent per valid record (its client, data holder and status). */
    private static List<Map<String, Object>> expected(String csv, List<Kind> kinds) {
        String[] lines = csv.split("\n");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == Kind.VALID) {
                String[] fields = lines[i + 1].split(",");
                keys.add(fields[0] + "," + fields[1] + "," + fields[2]);
            }
        }
        return keys.stream().sorted().map(key -> {
            String[] f = key.split(",");
            return Map.<String, Object>of("patient_bsn", f[0], "custodian_ura", f[1], "status", f[2], "n", 1L);
        }).toList();
    }

    private static String upload(ServiceProcess service, String csv) {
        return given().baseUri(service.url()).auth().oauth2(operator()).contentType("text/csv").body(csv)
                .queryParam("dryRun", false).queryParam("register", "regioportaal-restart").queryParam("fileName", "export.csv")
                .post("/migrations").then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static JsonPath status(ServiceProcess service, String id) {
        return given().baseUri(service.url()).auth().oauth2(operator()).get("/migrations/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath finished(ServiceProcess service, String id) {
        JsonPath status = await().atMost(DONE).pollInterval(Duration.ofMillis(250))
                .until(() -> status(service, id), s -> !s.getString("state").equals("queued") && !s.getString("state").equals("running"));
        assertThat(status.getString("state")).as("error: " + status.getString("error")).isEqualTo("finished");
        return status;
    }

    private Map<String, Object> row(String schema, String query) throws SQLException {
        List<Map<String, Object>> rows = rows(schema, query);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String schema, String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("set search_path to " + schema);
            try (ResultSet result = sql.executeQuery(query)) {
                ResultSetMetaData meta = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            } finally {
                sql.execute("set search_path to default");
            }
        }
    }
}
