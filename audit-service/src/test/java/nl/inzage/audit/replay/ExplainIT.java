package nl.inzage.audit.replay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.TestEvents;
import nl.inzage.audit.TestTokens;
import nl.inzage.audit.TestUras;
import nl.inzage.audit.messaging.ChangeEventReader;
import nl.inzage.audit.messaging.ReadOutcome;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Was this access lawful at that moment?", answered from the logged consent and relationship changes. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ExplainIT {

    private static final String BSN = "999993653";

    @Inject
    AuditLogService log;

    @Inject
    ChangeEventReader changes;

    @Inject
    ObjectMapper json;

    String requester;
    String holder;
    Instant at;
    long revision;

    @BeforeEach
    void organisations() {
        requester = TestUras.random();
        holder = TestUras.random();
        at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        revision = System.nanoTime();
        store(relationship(at.minusSeconds(900)));
    }

    @Test
    void aPermitUnderAnActiveConsentAndRelationshipWasRight() {
        store(consent(1, "active", at.minusSeconds(600)));
        AccessDecided access = access("permit");
        store(TestEvents.record(json, access));

        JsonPath explained = explain(access.eventId(), requester);

        assertThat(explained.getString("eventId")).isEqualTo(access.eventId());
        assertThat(explained.getLong("explanation.consentInForce.version")).isEqualTo(1);
        assertThat(explained.getString("explanation.consentOutcome")).isEqualTo("permit");
        assertThat(explained.getBoolean("explanation.relationshipActive")).isTrue();
        assertThat(explained.getBoolean("explanation.role.permitted")).isTrue();
        assertThat(explained.getString("explanation.expectedDecision")).isEqualTo("permit");
        assertThat(explained.getBoolean("explanation.decisionWasRight")).isTrue();
    }

    @Test
    void aPermitMadeAfterAWithdrawalIsFlaggedAsWrong() {
        store(consent(1, "active", at.minusSeconds(600)));
        store(consent(2, "inactive", at.minusSeconds(60)));
        // Given again only after the access: it must not make the access lawful in hindsight.
        store(consent(3, "active", at.plusSeconds(60)));
        AccessDecided access = access("permit");
        store(TestEvents.record(json, access));

        JsonPath explained = explain(access.eventId(), holder);

        assertThat(explained.getLong("explanation.consentInForce.version")).isEqualTo(2);
        assertThat(explained.getString("explanation.consentInForce.status")).isEqualTo("inactive");
        assertThat(explained.getString("explanation.consentOutcome")).isEqualTo("withdrawn");
        assertThat(explained.getString("explanation.decision")).isEqualTo("permit");
        assertThat(explained.getString("explanation.expectedDecision")).isEqualTo("deny");
        assertThat(explained.getBoolean("explanation.decisionWasRight")).isFalse();
    }

    @Test
    void aDenyWithoutAnyConsentWasRight() {
        AccessDecided access = access("deny");
        store(TestEvents.record(json, access));

        JsonPath explained = explain(access.eventId(), requester);

        assertThat(explained.getString("explanation.consentOutcome")).isEqualTo("no-choice");
        assertThat(explained.getMap("explanation.consentInForce")).isNull();
        assertThat(explained.getBoolean("explanation.decisionWasRight")).isTrue();
    }

    @Test
    void onlyThePrivacyOfficersOfTheOrganisationsInvolvedMayReplay() {
        AccessDecided access = access("permit");
        store(TestEvents.record(json, access));

        given().auth().oauth2(TestTokens.privacyOfficer(TestUras.random()))
                .get("/audit/events/{id}/explain", access.eventId()).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.client(BSN))
                .get("/audit/events/{id}/explain", access.eventId()).then().statusCode(403);
        given().auth().oauth2(TestTokens.privacyOfficer(requester))
                .get("/audit/events/{id}/explain", UUID.randomUUID().toString()).then().statusCode(404);
    }

    private JsonPath explain(String id, String ura) {
        return given().auth().oauth2(TestTokens.privacyOfficer(ura))
                .get("/audit/events/{id}/explain", id).then().statusCode(200).extract().jsonPath();
    }

    private AccessDecided access(String decision) {
        return TestEvents.access(at, BSN, "900000101", "verloskundige", requester, holder, "pregnancy", decision, false,
                List.of());
    }

    private AuditRecord consent(long version, String status, Instant recordedAt) {
        ConsentChanged c = new ConsentChanged(UUID.randomUUID().toString(), "consent-" + holder, version, revision + version,
                recordedAt, new Actor("source-system", "source-" + holder, holder), "source-system", status, BSN, holder,
                List.of(new ConsentRule(ConsentRule.PERMIT, null, null, null, List.of())), "{}");
        return change(Topics.CONSENT_EVENTS, c);
    }

    private AuditRecord relationship(Instant recordedAt) {
        RelationshipChanged r = new RelationshipChanged(UUID.randomUUID().toString(), "relationship-" + requester, 1,
                revision, recordedAt, new Actor("source-system", "source-" + requester, requester), BSN, requester, "G3",
                "900000101", "treatment", "active", LocalDate.now().minusDays(30), null, "intake");
        return change(Topics.RELATIONSHIP_EVENTS, r);
    }

    private AuditRecord change(String topic, Object event) {
        try {
            ReadOutcome outcome = changes.read(topic, json.writeValueAsString(event), null, null);
            return ((ReadOutcome.Accepted) outcome).record();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void store(AuditRecord record) {
        log.record(List.of(record)).await().atMost(Duration.ofSeconds(10));
    }
}
