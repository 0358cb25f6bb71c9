package nl.inzage.consent.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.inzage.consent.Fixtures;
import nl.inzage.consent.TestTokens;
import nl.inzage.consent.migration.MigrationFiles.Kind;
import nl.inzage.contracts.Topics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Migrations end to end over REST, against the real PostgreSQL test database and the test broker.
 * Each test migrates files of its own, with clients (BSNs) of its own, and counts what changed.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class MigrationIT {

    static final Duration DONE = Duration.ofSeconds(90);
    static final String OPERATOR = TestTokens.token("operator-1", "operator", Map.of());
    static final String PRIVACY_OFFICER_101 = TestTokens.token("privacy-101", "privacy-officer", Map.of("ura", "00000101"));

    @Inject
    DataSource database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    // --- the generated file: 12 valid, 6 incomplete, 6 invalid, 6 not migratable ---

    @Test
    void aDryRunReportsExactlyTheMixAndChangesNothingInTheRegister() throws Exception {
        String csv = MigrationFiles.csv(MigrationFiles.kinds(12, 6, 6, 6, 1));
        Map<String, Long> before = registerCounts();

        JsonPath status = finished(upload(OPERATOR, csv, true, "regioportaal-dry"));

        assertThat(status.getLong("recordsDone")).isEqualTo(30);
        assertThat(totals(status)).containsEntry("valid", 12L).containsEntry("incomplete", 6L).containsEntry("invalid", 6L)
                .containsEntry("scopeNotMigratable", 6L).containsEntry("imported", 0L).containsEntry("wouldImport", 12L);
        assertThat(registerCounts()).isEqualTo(before);

        List<CSVRecord> report = reportCsv(OPERATOR, status.getString("id"));
        assertThat(report).hasSize(30);
        assertThat(report.stream().map(r -> r.get("result")).collect(Collectors.groupingBy(r -> r, Collectors.counting())))
                .isEqualTo(Map.of("valid", 12L, "incomplete", 6L, "invalid", 6L, "scope-not-migratable", 6L));
        assertThat(report.stream().filter(r -> r.get("result").equals("valid")).map(r -> r.get("outcome")).distinct().toList())
                .containsExactly("would-import");
        assertThat(report.stream().map(r -> r.get("record")).toList()).first().isEqualTo("1");
        assertThat(report.stream().filter(r -> r.get("result").equals("scope-not-migratable")).map(r -> r.get("detail")).toList())
                .anyMatch(detail -> detail.contains("one organisation (00000201)"))
                .anyMatch(detail -> detail.contains("psychosocial"))
                .anyMatch(detail -> detail.contains("free text only"));
        assertThat(report.stream().filter(r -> r.get("result").equals("incomplete")).map(r -> r.get("detail")).toList())
                .anyMatch(detail -> detail.contains("date given"))
                .anyMatch(detail -> detail.contains("informed-consent record"))
                .anyMatch(detail -> detail.contains("data holder"));
    }

    @Test
    void theDryRunReportIsAlsoABundleOfOperationOutcomesWithTotalsPerOrganisation() throws Exception {
        String csv = MigrationFiles.csv(MigrationFiles.kinds(3, 1, 1, 1, 2));
        String id = finished(upload(OPERATOR, csv, true, "regioportaal-fhir-report")).getString("id");

        JsonNode bundle = Fixtures.read(given().auth().oauth2(OPERATOR).accept("application/fhir+json")
                .get("/migrations/" + id + "/report").then().statusCode(200).extract().asString());
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("entry")).hasSize(6);
        JsonNode firstIssue = bundle.get("entry").get(0).get("resource").get("issue").get(0);
        assertThat(firstIssue.get("location").get(0).asText()).isEqualTo("record 1");
        assertThat(firstIssue.get("details").get("coding").get(0).get("system").asText()).isEqualTo(MigrationReports.RESULT_SYSTEM);

        String totals = given().auth().oauth2(OPERATOR).accept("text/csv").get("/migrations/" + id + "/report/organisations")
                .then().statusCode(200).extract().asString();
        List<CSVRecord> rows = parse(totals);
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r.get("valid"))).sum()).isEqualTo(3);
        assertThat(rows.stream().map(r -> r.get("organisation")).toList()).contains("00000101");
        JsonNode outcome = Fixtures.read(given().auth().oauth2(OPERATOR).accept("application/fhir+json")
                .get("/migrations/" + id + "/report/organisations").then().statusCode(200).extract().asString());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.get("issue")).hasSize(rows.size());
    }

    @Test
    void aRealRunImportsExactlyTheValidOnesThroughTheOutboxAndASecondRunImportsNothing() throws Exception {
        String csv = MigrationFiles.csv(MigrationFiles.kinds(12, 6, 6, 6, 3));
        KafkaCompanion kafka = new KafkaCompanion(bootstrap);
        ConsumerTask<String, String> events = kafka.consumeStrings().withGroupId("migration-it-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest").fromTopics(Topics.CONSENT_EVENTS);
        try {
            Map<String, Long> before = registerCounts();

            JsonPath first = finished(upload(OPERATOR, csv, false, "regioportaal-real"));

            assertThat(totals(first)).containsEntry("valid", 12L).containsEntry("imported", 12L).containsEntry("incomplete", 6L)
                    .containsEntry("invalid", 6L).containsEntry("scopeNotMigratable", 6L);
            assertThat(registerCounts()).isEqualTo(plus(before, 12));
            Set<String> imported = reportCsv(OPERATOR, first.getString("id")).stream()
                    .filter(r -> r.get("outcome").equals("imported")).map(r -> r.get("consent_id")).collect(Collectors.toSet());
            assertThat(imported).hasSize(12);

            // Each imported consent reaches consent.events, marked as a migration.
            List<JsonNode> published = await().atMost(DONE).until(() -> events.getRecords().stream()
                    .filter(r -> imported.contains(r.key())).map(r -> Fixtures.read(r.value())).toList(), list -> list.size() >= 12);
            assertThat(published).allMatch(event -> event.get("origin").asText().equals("migration"));
            assertThat(published).allMatch(event -> event.get("actor").get("type").asText().equals("operator"));

            // The stored consent names its regional register, the import and the file.
            String consentId = imported.iterator().next();
            JsonNode stored = Fixtures.read(given().auth().oauth2(TestTokens.service()).get("/fhir/Consent/" + consentId)
                    .then().statusCode(200).extract().asString());
            assertThat(stored.get("meta").get("source").asText()).isEqualTo("urn:inzage:regional-register:regioportaal-real");
            assertThat(stored.get("meta").get("tag").get(0).get("code").asText()).isEqualTo(first.getString("id"));
            assertThat(stored.get("meta").get("tag").get(0).get("display").asText()).isEqualTo("regioportaal-real: export.csv");

            JsonPath second = finished(upload(OPERATOR, csv, false, "regioportaal-real"));

            assertThat(totals(second)).containsEntry("valid", 12L).containsEntry("imported", 0L).containsEntry("alreadyImported", 12L);
            assertThat(registerCounts()).isEqualTo(plus(before, 12));
        } finally {
            events.close();
            kafka.close();
        }
    }

    @Test
    void aRunThatFailsHalfWayAndIsResumedEndsAsAnUninterruptedRun() throws Exception {
        // Record 60 (a valid one, in the third batch of 25) names data holder 00000777; while the
        // check constraint below is in place the database refuses its batch, as a crash would lose it.
        List<Kind> kinds = new ArrayList<>(MigrationFiles.kinds(50, 15, 15, 15, 4));
        kinds.set(59, Kind.VALID);
        JsonPath uninterrupted = finished(upload(OPERATOR, withHolder777(kinds), false, "regioportaal-whole"));

        Map<String, Long> before = registerCounts();
        String interrupted;
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("alter table migration_record add constraint fail_on_777 check (organisation is distinct from '00000777') not valid");
            try {
                String id = upload(OPERATOR, withHolder777(kinds), false, "regioportaal-broken");
                await().atMost(DONE).until(() -> status(id).getString("state"), state -> state.equals("failed") || state.equals("finished"));
                interrupted = id;
            } finally {
                sql.execute("alter table migration_record drop constraint fail_on_777");
            }
        }
        JsonPath failed = status(interrupted);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getLong("recordsDone")).isEqualTo(50);
        assertThat(reportCsv(OPERATOR, interrupted)).hasSize(50);
        long importedBeforeFailure = totals(failed).get("imported");
        assertThat(registerCounts()).isEqualTo(plus(before, importedBeforeFailure));

        given().auth().oauth2(OPERATOR).post("/migrations/" + interrupted + "/resume").then().statusCode(202);
        JsonPath resumed = finished(interrupted);

        assertThat(resumed.getLong("recordsDone")).isEqualTo(95);
        assertThat(totals(resumed)).isEqualTo(totals(uninterrupted));
        assertThat(registerCounts()).isEqualTo(plus(before, totals(uninterrupted).get("imported")));
        assertThat(results(reportCsv(OPERATOR, interrupted))).isEqualTo(results(reportCsv(OPERATOR, uninterrupted.getString("id"))));
    }

    @Test
    void aFhirBundleImportsItsValidConsentsAndReportsTheOthersByEntry() throws Exception {
        String valid = Fixtures.consent(Fixtures.freshBsn(), "00000201").put("id", "regional-1").toString();
        String incomplete = Fixtures.consent(Fixtures.freshBsn(), "00000201").without("extension").toString();
        String badBsn = Fixtures.consent("999993654", "00000201").toString();
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + valid
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Consent\"}},{\"resource\":" + incomplete + "},{\"resource\":" + badBsn + "}]}";
        Map<String, Long> before = registerCounts();

        JsonPath status = finished(given().auth().oauth2(OPERATOR).contentType("application/fhir+json").body(bundle)
                .queryParam("dryRun", "false").queryParam("register", "regioportaal-fhir").queryParam("fileName", "export.json")
                .post("/migrations").then().statusCode(202).extract().jsonPath().getString("id"));

        assertThat(totals(status)).containsEntry("valid", 1L).containsEntry("imported", 1L).containsEntry("incomplete", 1L)
                .containsEntry("invalid", 1L);
        assertThat(registerCounts()).isEqualTo(plus(before, 1));
        JsonNode report = Fixtures.read(given().auth().oauth2(OPERATOR).accept("application/fhir+json")
                .get("/migrations/" + status.getString("id") + "/report").then().statusCode(200).extract().asString());
        assertThat(report.get("entry").get(2).get("resource").get("issue").get(0).get("location").get(0).asText()).isEqualTo("Bundle.entry[2]");
    }

    @Test
    void aPrivacyOfficerMigratesOnlyHerOrganisationAndSeesOnlyHerJobs() throws Exception {
        List<Kind> kinds = MigrationFiles.kinds(6, 0, 0, 0, 5);
        JsonPath status = finished(upload(PRIVACY_OFFICER_101, MigrationFiles.csv(kinds), true, "regioportaal-po"));

        // Rows cycle through 00000101, 00000201 and 00000301: only the first third are hers.
        assertThat(totals(status)).containsEntry("valid", 2L).containsEntry("invalid", 4L);
        String operatorJob = upload(OPERATOR, MigrationFiles.csv(kinds), true, "regioportaal-op");
        given().auth().oauth2(PRIVACY_OFFICER_101).get("/migrations/" + operatorJob).then().statusCode(403);
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).get("/migrations/" + operatorJob).then().statusCode(403);
        finished(operatorJob);
    }

    @Test
    void aFileThatIsNotWhatItSaysIsRefusedAtOnceAndStartsNothing() {
        given().auth().oauth2(OPERATOR).contentType("text/csv").body("bsn,status\n999993653,active\n")
                .queryParam("dryRun", "true").post("/migrations")
                .then().statusCode(400).contentType("application/fhir+json").body("issue[0].diagnostics", containsString("lacks the column(s)"));
        given().auth().oauth2(OPERATOR).contentType("application/fhir+json").body("{\"resourceType\":\"Consent\"}")
                .queryParam("dryRun", "true").post("/migrations")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("Expected a FHIR Bundle"));
        given().auth().oauth2(OPERATOR).contentType("text/csv").body(MigrationFiles.HEADER)
                .post("/migrations")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("dryRun=true"));
        given().auth().oauth2(OPERATOR).get("/migrations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aFileLargerThanTheFhirBodyLimitIsAccepted() throws Exception {
        String padding = "x".repeat(700_000);
        StringBuilder csv = new StringBuilder(MigrationFiles.HEADER);
        for (int i = 0; i < 4; i++) {
            csv.append(String.join(",", Fixtures.freshBsn(), "00000101", "active", "2024-03-01", "x", "oral", MigrationFiles.TOLD, "", padding))
                    .append('\n');
        }
        JsonPath status = finished(upload(OPERATOR, csv.toString(), true, "regioportaal-large"));

        assertThat(totals(status)).containsEntry("scopeNotMigratable", 4L);
    }

    @Test
    void aRecordThatRepeatsInOneFileIsImportedOnceAndTheDryRunSaysSo() throws Exception {
        String row = MigrationFiles.row(Kind.VALID, 0, "00000101");
        String csv = MigrationFiles.HEADER + row + "\n" + row + "\n";

        JsonPath dry = finished(upload(OPERATOR, csv, true, "regioportaal-twice"));
        JsonPath real = finished(upload(OPERATOR, csv, false, "regioportaal-twice"));

        assertThat(totals(dry)).containsEntry("valid", 2L).containsEntry("wouldImport", 1L).containsEntry("alreadyImported", 1L);
        assertThat(totals(real)).containsEntry("valid", 2L).containsEntry("imported", 1L).containsEntry("alreadyImported", 1L);
    }

    @Test
    void aConsentBodyOverTwoMebibytesIsStillRefusedUnread() {
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/fhir+json").body("x".repeat(3 * 1024 * 1024))
                .post("/fhir/Consent")
                .then().statusCode(413).body("issue[0].code", equalTo("too-long"));
    }

    // --- helpers ---

    static String withHolder777(List<Kind> kinds) {
        String csv = MigrationFiles.csv(kinds);
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        String[] fields = lines.get(60).split(",", 2);
        String rest = fields[1].substring(fields[1].indexOf(','));
        lines.set(60, fields[0] + ",00000777" + rest);
        return String.join("\n", lines) + "\n";
    }

    static String upload(String token, String csv, boolean dryRun, String register) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv)
                .queryParam("dryRun", dryRun).queryParam("register", register).queryParam("fileName", "export.csv")
                .post("/migrations")
                .then().statusCode(202).header("Location", containsString("/migrations/"))
                .body("state", equalTo("queued"))
                .extract().jsonPath().getString("id");
    }

    static JsonPath status(String id) {
        return given().auth().oauth2(OPERATOR).get("/migrations/" + id).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath finished(String id) {
        JsonPath status = await().atMost(DONE).pollInterval(Duration.ofMillis(250))
                .until(() -> status(id), s -> !s.getString("state").equals("queued") && !s.getString("state").equals("running"));
        assertThat(status.getString("state")).as("error: " + status.getString("error")).isEqualTo("finished");
        return status;
    }

    static Map<String, Long> totals(JsonPath status) {
        Map<String, Object> raw = status.getMap("totals");
        return raw.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).longValue()));
    }

    static List<CSVRecord> reportCsv(String token, String id) throws IOException {
        return parse(given().auth().oauth2(token).accept("text/csv").get("/migrations/" + id + "/report")
                .then().statusCode(200).extract().asString());
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    /** Record number, result and outcome of each line: what two runs of equally shaped files must agree on. */
    static List<String> results(List<CSVRecord> report) {
        return report.stream().map(r -> r.get("record") + " " + r.get("result") + " " + r.get("outcome")).toList();
    }

    Map<String, Long> registerCounts() throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            return Map.of("consent", count(sql, "select count(*) from consent"),
                    "consent_version", count(sql, "select count(*) from consent_version"),
                    "outbox_event", count(sql, "select count(*) from outbox_event"),
                    "store_revision", count(sql, "select value from store_revision"));
        }
    }

    static Map<String, Long> plus(Map<String, Long> counts, long n) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + n));
    }

    static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
