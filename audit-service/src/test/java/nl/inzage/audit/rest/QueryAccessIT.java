package nl.inzage.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import nl.inzage.audit.TestEvents;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.TestUras;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.AccessDecided;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read what: privacy officers their organisation's records, clients the accesses to their own data. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class QueryAccessIT {

    private static final String CLIENT = "999991772";
    private static final String OTHER_CLIENT = "999990019";

    @Inject
    AuditLogService log;

    @Inject
    ObjectMapper json;

    String ours;
    String holder;
    String elsewhere;
    AccessDecided ourPermit;
    AccessDecided ourEmergency;
    AccessDecided elsewhereToOtherClient;

    @BeforeEach
    void logSomeAccesses() {
        ours = TestUras.random();
        holder = TestUras.random();
        elsewhere = TestUras.random();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ourPermit = TestEvents.access(now.minusSeconds(30), CLIENT, "900000101", "verloskundige", ours, holder,
                "pregnancy", "permit", false, List.of("consent-permit", "relationship", "role-permits-category"));
        ourEmergency = TestEvents.access(now.minusSeconds(20), CLIENT, "900000102", "verloskundige", ours, holder,
                "lab-results", "permit", true, List.of("consent-permit", "relationship", "role-permits-category"));
        elsewhereToOtherClient = TestEvents.access(now.minusSeconds(10), OTHER_CLIENT, "900000201", "gynaecoloog",
                elsewhere, TestUras.random(), "ultrasound", "permit", false, List.of("consent-permit"));
        log.record(List.of(TestEvents.record(json, ourPermit), TestEvents.record(json, ourEmergency),
                TestEvents.record(json, elsewhereToOtherClient))).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void privacyOfficerSeesAccessesByTheirUsersAndToTheirDataOnly() {
        assertThat(ids(ours, Map.of())).containsExactly(ourEmergency.eventId(), ourPermit.eventId());
        assertThat(ids(holder, Map.of())).containsExactly(ourEmergency.eventId(), ourPermit.eventId());
        assertThat(ids(ours, Map.of("patient", OTHER_CLIENT))).isEmpty();
        assertThat(ids(elsewhere, Map.of())).containsExactly(elsewhereToOtherClient.eventId());
    }

    @Test
    void privacyOfficerFiltersByPractitioner() {
        assertThat(ids(ours, Map.of("practitioner", "900000102"))).containsExactly(ourEmergency.eventId());
        given().auth().oauth2(TestTokens.privacyOfficer(ours)).queryParam("practitioner", "dr-who")
                .get("/audit/events").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void csvExportWithFormatParameterOrAcceptHeader() {
        String byFormat = given().auth().oauth2(TestTokens.privacyOfficer(ours)).queryParam("format", "csv")
                .get("/audit/events").then().statusCode(200).contentType("text/csv").extract().asString();
        String byAccept = given().auth().oauth2(TestTokens.privacyOfficer(ours)).accept("text/csv")
                .get("/audit/events").then().statusCode(200).contentType("text/csv").extract().asString();

        List<String> lines = byFormat.lines().toList();
        assertThat(lines.get(0)).startsWith("seq,eventId,eventType,occurredAt");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(ourEmergency.eventId(), "900000102", "lab-results", "ETREAT",
                "consent-permit;relationship;role-permits-category");
        assertThat(byAccept.lines().skip(1).map(l -> l.split(",")[1]).toList())
                .isEqualTo(byFormat.lines().skip(1).map(l -> l.split(",")[1]).toList());
    }

    @Test
    void emergencyReportListsBreakTheGlassOnly() {
        List<Map<String, Object>> report = given().auth().oauth2(TestTokens.privacyOfficer(ours))
                .get("/audit/emergencies").then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(report).extracting(r -> r.get("eventId")).containsExactly(ourEmergency.eventId());
        assertThat(report.get(0)).containsEntry("purposeOfUse", "ETREAT").containsEntry("practitionerUzi", "900000102")
                .containsEntry("dataCategory", "lab-results");
    }

    @Test
    void clientSeesWhoLookedAtHerDataInPlainFactsWithoutInternalIds() {
        List<Map<String, Object>> mine = given().auth().oauth2(TestTokens.client(CLIENT))
                .get("/audit/me").then().statusCode(200).extract().jsonPath().getList("$");

        List<Map<String, Object>> ofThisTest = mine.stream()
                .filter(m -> ours.equals(m.get("organization"))).toList();
        assertThat(ofThisTest).hasSize(2);
        Map<String, Object> emergency = ofThisTest.get(0);
        assertThat(emergency).containsEntry("organization", ours)
                .containsEntry("organizationType", "G3")
                .containsEntry("practitioner", "Dr. 900000102")
                .containsEntry("role", "verloskundige")
                .containsEntry("category", "lab-results")
                .containsEntry("outcome", "allowed")
                .containsEntry("emergency", true)
                .containsEntry("basis", List.of("consent", "relationship", "emergency"))
                .doesNotContainKeys("seq", "eventId", "consentIds", "relationshipIds", "patientBsn", "requestId");
        assertThat(mine).noneMatch(m -> elsewhere.equals(m.get("organization")));
    }

    @Test
    void aClientNeverSeesAnotherPersonsAccesses() {
        List<Map<String, Object>> others = given().auth().oauth2(TestTokens.client(OTHER_CLIENT))
                .queryParam("patient", CLIENT)
                .get("/audit/me").then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(others).noneMatch(m -> ours.equals(m.get("organization")));
        assertThat(others).anyMatch(m -> elsewhere.equals(m.get("organization")));
    }

    @Test
    void eachReaderIsRefusedTheOthersQueries() {
        given().auth().oauth2(TestTokens.client(CLIENT)).get("/audit/events").then().statusCode(403);
        given().auth().oauth2(TestTokens.client(CLIENT)).get("/audit/emergencies").then().statusCode(403);
        given().auth().oauth2(TestTokens.privacyOfficer(ours)).get("/audit/me").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("client-without-bsn", "client", Map.of())).get("/audit/me")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("practitioner", "verloskundige", Map.of("ura", ours)))
                .get("/audit/events").then().statusCode(403);
        given().get("/audit/me").then().statusCode(401);
    }

    private static List<Object> ids(String ura, Map<String, String> query) {
        return given().auth().oauth2(TestTokens.privacyOfficer(ura)).queryParams(query)
                .get("/audit/events").then().statusCode(200).extract().jsonPath().getList("eventId");
    }
}
