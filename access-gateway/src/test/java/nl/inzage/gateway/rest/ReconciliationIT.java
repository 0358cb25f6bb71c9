package nl.inzage.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.contracts.testing.Digests;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the projections hold, for ./dev reconcile: the revision applied without a gap and the
 * digest of the entries. The test broker is shared with earlier suites, so the test checks what its
 * own events change, which it knows exactly.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ReconciliationIT {

    private static final String OPERATOR = TestTokens.token("operator", "operator", Map.of());

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentProjection consents;

    @Inject
    RelationshipProjection relationships;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;
    StateEvents events;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrap);
        events = new StateEvents(kafka, mapper, consents, relationships);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theDigestChangesByExactlyTheEventsTheProjectionApplied() {
        JsonPath before = held();
        assertThat(before.getBoolean("consent.settled") && before.getBoolean("relationship.settled")).isTrue();
        String bsn = TestBsns.fresh();
        long consentRevision = events.consent(bsn, "00000101", "active", 1);
        long relationshipRevision = events.relationship(bsn, "00000301", "active", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> consents.watermark().reached() >= consentRevision
                && relationships.watermark().reached() >= relationshipRevision);
        JsonPath after = held();

        assertThat(after.getBoolean("consent.settled")).isTrue();
        assertThat(after.getLong("consent.revision")).isEqualTo(consentRevision);
        assertThat(after.getLong("consent.entries")).isEqualTo(before.getLong("consent.entries") + 1);
        assertThat(after.getString("consent.digest")).isEqualTo(Digests.change(before.getString("consent.digest"),
                new ProjectionDigest().consent(bsn, "00000101", "consent-" + bsn + "-00000101", 1, "active"), new ProjectionDigest()));
        assertThat(after.getLong("relationship.entries")).isEqualTo(before.getLong("relationship.entries") + 1);
        assertThat(after.getString("relationship.digest")).isEqualTo(Digests.change(before.getString("relationship.digest"),
                new ProjectionDigest().relationship(bsn, "relationship-" + bsn + "-00000301", 1, "active"), new ProjectionDigest()));

        long withdrawn = events.consent(bsn, "00000101", "inactive", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> consents.watermark().reached() >= withdrawn);
        JsonPath replaced = held();
        assertThat(replaced.getLong("consent.entries")).isEqualTo(after.getLong("consent.entries"));
        assertThat(replaced.getString("consent.digest")).isEqualTo(Digests.change(after.getString("consent.digest"),
                new ProjectionDigest().consent(bsn, "00000101", "consent-" + bsn + "-00000101", 2, "inactive"),
                new ProjectionDigest().consent(bsn, "00000101", "consent-" + bsn + "-00000101", 1, "active")));
    }

    @Test
    void onlyOperatorsAndServiceAccountsMayAsk() {
        given().get("/admin/reconciliation").then().statusCode(401);
        given().auth().oauth2(TestTokens.pep()).get("/admin/reconciliation").then().statusCode(403);
        given().auth().oauth2(TestTokens.practitioner("verloskundige", "900000101", "00000101", "G3"))
                .get("/admin/reconciliation").then().statusCode(403);
    }

    private static JsonPath held() {
        return given().auth().oauth2(OPERATOR).get("/admin/reconciliation").then().statusCode(200).extract().jsonPath();
    }
}
