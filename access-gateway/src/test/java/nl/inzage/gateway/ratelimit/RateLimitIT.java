package nl.inzage.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import nl.inzage.gateway.FhirHoldersStub;
import nl.inzage.gateway.RelationshipServiceStub;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Past its limit a practitioner, an organisation or a PEP client gets 429 with Retry-After and a problem body. */
@QuarkusTest
@TestProfile(RateLimitIT.SmallLimits.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(RelationshipServiceStub.class)
@QuarkusTestResource(FhirHoldersStub.class)
class RateLimitIT {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "inzage.rate-limit.enabled", "true",
                    "inzage.rate-limit.viewer-user.per-second", "0.1",
                    "inzage.rate-limit.viewer-user.burst", "3",
                    "inzage.rate-limit.viewer-organisation.per-second", "0.1",
                    "inzage.rate-limit.viewer-organisation.burst", "5",
                    "inzage.rate-limit.decision-client.per-second", "0.1",
                    "inzage.rate-limit.decision-client.burst", "4",
                    "inzage.rate-limit.decision-organisation.per-second", "0.1",
                    "inzage.rate-limit.decision-organisation.burst", "6");
        }
    }

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aPractitionerPastHerLimitGets429ButAColleagueDoesNot() {
        String alice = TestTokens.token("alice", "verloskundige", Map.of("uzi", "900000111", "ura", "00000111", "org_type", "G3"));
        String bob = TestTokens.token("bob", "verloskundige", Map.of("uzi", "900000112", "ura", "00000111", "org_type", "G3"));
        String bsn = TestBsns.fresh();
        for (int i = 0; i < 3; i++) {
            viewer(alice, bsn).then().statusCode(200);
        }
        Response refused = viewer(alice, bsn);
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too many requests"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 10L);

        viewer(bob, bsn).then().statusCode(200);
    }

    @Test
    void anOrganisationPastItsLimitGets429ForEveryPractitioner() {
        String bsn = TestBsns.fresh();
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            String someone = TestTokens.token("p" + i, "verloskundige", Map.of("uzi", "90000022" + i, "ura", "00000222", "org_type", "G3"));
            allowed += viewer(someone, bsn).statusCode() == 200 ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
        String another = TestTokens.token("p9", "verloskundige", Map.of("uzi", "900000229", "ura", "00000222", "org_type", "G3"));
        viewer(another, bsn).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        String elsewhere = TestTokens.token("q1", "verloskundige", Map.of("uzi", "900000331", "ura", "00000333", "org_type", "G3"));
        viewer(elsewhere, bsn).then().statusCode(200);
    }

    @Test
    void aPepClientPastItsLimitGets429() {
        String pep = TestTokens.token("pep-runaway", "pep", Map.of());
        String body = """
                {"subject":{"type":"practitioner","id":"900000201","properties":{"subject_organization_id":"00000201",
                 "subject_role":"gynaecoloog","subject_facility_type":"V4"}},"action":{"name":"read"},
                 "resource":{"type":"patient-data","id":"%s","properties":{"data_holder_organization_id":"00000101",
                 "data_category":"pregnancy"}},"context":{"purpose_of_use":"TREAT"}}""".formatted(TestBsns.fresh());
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(pep).contentType("application/json").body(body).post("/access/v1/evaluation").then().statusCode(200);
        }
        given().auth().oauth2(pep).contentType("application/json").body(body).post("/access/v1/evaluation")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anOrganisationPastItsDecisionLimitGets429FromEveryPepClientWhileAnotherOrganisationDoesNot() {
        // Three PEP clients (each under its own limit of 4) ask for one organisation: together past its 6.
        String bsn = TestBsns.fresh();
        for (int i = 0; i < 6; i++) {
            String pep = TestTokens.token("pep-shared-" + (i % 3), "pep", Map.of());
            decide(pep, "00000301", bsn).then().statusCode(200);
        }
        decide(TestTokens.token("pep-shared-0", "pep", Map.of()), "00000301", bsn)
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", org.hamcrest.Matchers.containsString("organisation"));
        decide(TestTokens.token("pep-shared-1", "pep", Map.of()), "00000401", bsn).then().statusCode(200);
        // A batch counts each entry: two entries for an organisation with one decision left are refused whole.
        String batch = """
                {"subject":{"type":"practitioner","id":"900000401","properties":{"subject_organization_id":"00000501",
                 "subject_role":"jgz","subject_facility_type":"JGZ"}},"action":{"name":"read"},
                 "resource":{"type":"patient-data","id":"%s","properties":{"data_holder_organization_id":"00000101",
                 "data_category":"newborn"}},"context":{"purpose_of_use":"TREAT"},"evaluations":[%s]}""";
        String five = String.join(",", java.util.Collections.nCopies(5, "{}"));
        String two = "{},{}";
        given().auth().oauth2(TestTokens.token("pep-batch-a", "pep", Map.of())).contentType("application/json")
                .body(batch.formatted(bsn, five)).post("/access/v1/evaluations").then().statusCode(200);
        given().auth().oauth2(TestTokens.token("pep-batch-b", "pep", Map.of())).contentType("application/json")
                .body(batch.formatted(bsn, two)).post("/access/v1/evaluations").then().statusCode(429);
    }

    private static Response decide(String pep, String organisation, String bsn) {
        return given().auth().oauth2(pep).contentType("application/json").body("""
                {"subject":{"type":"practitioner","id":"900000201","properties":{"subject_organization_id":"%s",
                 "subject_role":"gynaecoloog","subject_facility_type":"V4"}},"action":{"name":"read"},
                 "resource":{"type":"patient-data","id":"%s","properties":{"data_holder_organization_id":"00000101",
                 "data_category":"pregnancy"}},"context":{"purpose_of_use":"TREAT"}}""".formatted(organisation, bsn))
                .post("/access/v1/evaluation");
    }

    private static Response viewer(String token, String bsn) {
        return given().auth().oauth2(token).get("/viewer/patients/" + bsn);
    }
}
