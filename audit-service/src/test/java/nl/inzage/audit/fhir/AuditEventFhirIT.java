package nl.inzage.audit.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
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
import java.util.stream.Collectors;
import nl.inzage.audit.TestEvents;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.TestUras;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BALP-shaped AuditEvents, parsed back with HAPI; who may search whose log. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AuditEventFhirIT {

    private static final String BSN = "999993653";
    private static final String OTHER_BSN = "999990019";
    private static final FhirContext FHIR = FhirContext.forR4();

    @Inject
    AuditLogService log;

    @Inject
    ObjectMapper json;

    String ura;
    Instant since;
    AccessDecided permit;
    AccessDecided deny;
    AccessDecided emergency;
    AccessDecided view;

    @BeforeEach
    void logDecisions() {
        ura = TestUras.random();
        since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        permit = TestEvents.access(now.minusSeconds(1), BSN, "900000101", "verloskundige", ura, "00000201", "pregnancy",
                "permit", false, List.of("consent-permit", "relationship", "role-permits-category"));
        deny = TestEvents.access(now, BSN, "900000101", "verloskundige", ura, "00000201", "pregnancy", "deny", false,
                List.of("consent-withdrawn", "relationship", "role-permits-category"));
        emergency = TestEvents.access(now.plusMillis(1), BSN, "900000101", "verloskundige", ura, "00000201", "lab-results",
                "permit", true, List.of("consent-permit", "relationship", "role-permits-category"));
        AccessDecided v = TestEvents.access(now.plusMillis(2), BSN, "900000101", "verloskundige", ura, "00000201",
                "pregnancy", "permit", false, List.of("consent-permit", "relationship", "role-permits-category"));
        view = new AccessDecided(v.eventId(), v.occurredAt(), v.requestId(), v.practitioner(), v.patientBsn(),
                v.dataHolder(), v.dataCategory(), "Observation?patient.identifier=x", v.action(), v.decision(),
                v.reasons(), List.of("c-1/_history/1"), v.relationshipIds(), v.purposeOfUse(), v.emergency(), v.sourceIp());
        AccessDecided otherPatient = TestEvents.access(now, OTHER_BSN, "900000101", "verloskundige", ura, "00000201",
                "pregnancy", "permit", false, List.of("consent-permit"));
        log.record(List.of(TestEvents.record(json, permit), TestEvents.record(json, deny), TestEvents.record(json, emergency),
                TestEvents.record(json, view), TestEvents.record(json, otherPatient))).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void privacyOfficerGetsASearchsetOfBalpShapedAuditEvents() {
        Bundle bundle = search(TestTokens.privacyOfficer(ura), BSN, "ge" + since);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Map<String, AuditEvent> byId = events(bundle);
        assertThat(byId).containsOnlyKeys(permit.eventId(), deny.eventId(), emergency.eventId(), view.eventId());

        AuditEvent permitted = byId.get(permit.eventId());
        assertThat(code(permitted.getType())).isEqualTo("http://dicom.nema.org/resources/ontology/DCM#110113");
        assertThat(permitted.getSubtype()).extracting(AuditEventFhirIT::code)
                .containsExactly("https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType#AuthZ-Consent");
        assertThat(permitted.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(patientEntity(permitted)).isEqualTo(BSN);

        AuditEvent denied = byId.get(deny.eventId());
        assertThat(denied.getOutcome()).isEqualTo(AuditEventOutcome._8);
        assertThat(denied.getOutcomeDesc()).contains("consent-withdrawn");

        AuditEvent glass = byId.get(emergency.eventId());
        assertThat(glass.getSubtype()).extracting(AuditEventFhirIT::code)
                .contains("http://dicom.nema.org/resources/ontology/DCM#110127");
        assertThat(glass.getPurposeOfEvent()).flatExtracting(c -> c.getCoding()).extracting(AuditEventFhirIT::code)
                .containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason#ETREAT");

        AuditEvent viewed = byId.get(view.eventId());
        assertThat(code(viewed.getType())).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type#rest");
        assertThat(viewed.getSubtype()).extracting(AuditEventFhirIT::code)
                .containsExactly("http://hl7.org/fhir/restful-interaction#search");
        assertThat(viewed.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(patientEntity(viewed)).isEqualTo(BSN);
        assertThat(viewed.getAgent()).anySatisfy(agent -> {
            assertThat(agent.getRequestor()).isTrue();
            assertThat(agent.getWho().getIdentifier().getSystem()).isEqualTo(NamingSystems.UZI);
            assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("900000101");
        });
    }

    @Test
    void dateNarrowsTheSearch() {
        Bundle none = search(TestTokens.privacyOfficer(ura), BSN, "lt" + since);
        assertThat(events(none)).isEmpty();
        String day = permit.occurredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        assertThat(events(search(TestTokens.privacyOfficer(ura), BSN, day))).containsKey(permit.eventId());
        assertThat(events(search(TestTokens.privacyOfficer(ura), BSN, "gt" + day))).isEmpty();
    }

    @Test
    void clientSearchesHerOwnLogOnly() {
        Bundle own = search(TestTokens.client(BSN), BSN, "ge" + since);
        assertThat(events(own)).containsKeys(permit.eventId(), view.eventId());

        String refused = given().auth().oauth2(TestTokens.client(OTHER_BSN))
                .queryParam("patient:identifier", NamingSystems.BSN + "|" + BSN)
                .get("/fhir/AuditEvent").then().statusCode(403).contentType("application/fhir+json").extract().asString();
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, refused).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    }

    @Test
    void privacyOfficerOfAnotherOrganisationFindsNothingAndOthersAreRefused() {
        assertThat(events(search(TestTokens.privacyOfficer(TestUras.random()), BSN, "ge" + since))).isEmpty();
        given().auth().oauth2(TestTokens.token("gp", "huisarts", Map.of("ura", ura)))
                .queryParam("patient:identifier", NamingSystems.BSN + "|" + BSN)
                .get("/fhir/AuditEvent").then().statusCode(403);
    }

    @Test
    void missingOrBadPatientIsAnOperationOutcome() {
        String body = given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .get("/fhir/AuditEvent").then().statusCode(400).contentType("application/fhir+json").extract().asString();
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, body).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.INVALID);
        given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .queryParam("patient:identifier", NamingSystems.BSN + "|123456789")
                .get("/fhir/AuditEvent").then().statusCode(400);
        given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .queryParam("patient:identifier", NamingSystems.BSN + "|" + BSN).queryParam("date", "2025-13-01")
                .get("/fhir/AuditEvent").then().statusCode(400);
    }

    private static Bundle search(String token, String bsn, String date) {
        String body = given().auth().oauth2(token)
                .queryParam("patient:identifier", NamingSystems.BSN + "|" + bsn)
                .queryParam("date", date)
                .get("/fhir/AuditEvent").then().statusCode(200).contentType("application/fhir+json").extract().asString();
        return FHIR.newJsonParser().parseResource(Bundle.class, body);
    }

    private static Map<String, AuditEvent> events(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .collect(Collectors.toMap(e -> e.getIdElement().getIdPart(), e -> e));
    }

    private static String patientEntity(AuditEvent event) {
        return event.getEntity().stream()
                .filter(e -> "1".equals(e.getRole().getCode()) && "1".equals(e.getType().getCode()))
                .map(e -> e.getWhat().getIdentifier().getValue())
                .findFirst().orElse(null);
    }

    static String code(Coding coding) {
        return coding.getSystem() + "#" + coding.getCode();
    }
}
