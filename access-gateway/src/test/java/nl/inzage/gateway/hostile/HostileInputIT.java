package nl.inzage.gateway.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.inzage.contracts.testing.CapturedLogs;
import nl.inzage.contracts.testing.HostileInputs;
import nl.inzage.gateway.FhirHoldersStub;
import nl.inzage.gateway.RelationshipServiceStub;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.EmergencyAccesses;
import org.junit.jupiter.api.Test;

/**
 * Every operation of access-gateway (from its OpenAPI document) under hostile input and forged tokens: the right
 * 4xx, never a 5xx, no access request forwarded and no emergency access granted. Numbers:
 * target/reliability/hostile-input-access-gateway.json.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(RelationshipServiceStub.class)
@QuarkusTestResource(FhirHoldersStub.class)
class HostileInputIT {

    private static final String HOSPITAL = "00000201";
    private static final String UZI = "900000201";

    @TestHTTPResource("/")
    URI base;

    @Inject
    EmergencyAccesses emergencies;

    @Test
    void hostileInputIsRefusedWithA4xxAndNothingHappens() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String bsn = TestBsns.fresh();
        // The stand-in answers an access request as relationship-service does one it accepts (a free-text reason holding
        // SQL or <script> is data there): 201 and a revision. Revision 0 is held already, so the gateway does not wait
        // for an event the stand-in never publishes. Without it every forwarded request was a 404, so a 502.
        RelationshipServiceStub.server().stubFor(post(urlEqualTo("/relationships/access-requests"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("X-Relationship-Revision", "0")
                        .withBody("{\"id\":\"00000000-0000-0000-0000-000000000001\",\"kind\":\"access-request\",\"status\":\"active\"}")));

        List<HostileInputs.Failure> failures;
        try (CapturedLogs logs = CapturedLogs.start()) {
            failures = HostileInputs.of("access-gateway", base)
                    .token(op -> op.path().startsWith("/.well-known") ? null
                            : op.path().startsWith("/access/") ? TestTokens.pep()
                            : TestTokens.practitioner("gynaecoloog", UZI, HOSPITAL, "V4"))
                    .wrongRoles(op -> op.path().startsWith("/.well-known") ? List.of()
                            : op.path().startsWith("/access/") ? List.of(TestTokens.practitioner("gynaecoloog", UZI, HOSPITAL, "V4"))
                            : List.of(TestTokens.pep()))
                    // The web pages (/web) are a browser's: an OIDC code-flow session in cookies and form posts, no
                    // bearer token. Without a session every request is sent to the login (302) before anything is read,
                    // so no case of the suite reaches them. Hostile form input with a session is not covered yet
                    // (RELIABILITY.md); WebPagesIT and tests/browser test the pages themselves.
                    .skip(op -> op.path().startsWith("/web"))
                    .pathValue("bsn", bsn)
                    .pathValue("type", "Observation")
                    .validBody(op -> op.path().endsWith("/evaluation") ? evaluation(bsn)
                            : op.path().endsWith("/evaluations") ? "{\"evaluations\":[" + evaluation(bsn) + "]}"
                            : "{\"reason\":\"Acute referral, no record available\"}")
                    .state(() -> "forwarded=" + RelationshipServiceStub.server().getAllServeEvents().size()
                            + " emergency=" + (emergencies.find(UZI, HOSPITAL, bsn, Instant.now()) != null))
                    .logs(logs, bsn)
                    .run();
        }

        assertThat(failures).as("requests not refused as they should be").isEmpty();
    }

    private static String evaluation(String bsn) {
        return """
                {"subject":{"type":"practitioner","id":"%s","properties":{"subject_organization_id":"%s",
                 "subject_role":"gynaecoloog","subject_facility_type":"V4"}},
                 "action":{"name":"read"},
                 "resource":{"type":"patient-data","id":"%s","properties":{"data_holder_organization_id":"00000101",
                 "data_category":"pregnancy"}},
                 "context":{"purpose_of_use":"TREAT"}}""".formatted(UZI, HOSPITAL, bsn);
    }
}
