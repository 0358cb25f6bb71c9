package nl.inzage.consent.rest;

import static io.restassured.RestAssured.given;
import static nl.inzage.consent.Fixtures.create;
import static nl.inzage.consent.Fixtures.freshBsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import java.util.List;
import nl.inzage.consent.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsentSearchIT {

    private static final String BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn|";

    @Test
    void clientSeesAllHerConsentsAcrossOrganizations() {
        String bsn = freshBsn();
        create(bsn, "00000101");
        create(bsn, "00000201");
        create(bsn, "00000301");

        given().auth().oauth2(TestTokens.client(bsn))
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn)
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(3))
                .body("entry.resource.patient.identifier.value", everyItem(equalTo(bsn)));
    }

    @Test
    void sourceSystemSeesOnlyWhatItsOrganizationHolds() {
        String bsn = freshBsn();
        create(bsn, "00000101");
        create(bsn, "00000201");

        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.organization[0].identifier.value", equalTo("00000201"));
        given().auth().oauth2(TestTokens.sourceSystem("00000201"))
                .get("/fhir/Consent?organization:identifier=http://fhir.nl/fhir/NamingSystem/ura|00000101")
                .then().statusCode(403);
    }

    @Test
    void pagesFollowTheNextLink() {
        String bsn = freshBsn();
        for (int i = 0; i < 3; i++) {
            create(bsn, "00000101");
        }
        JsonPath first = given().auth().oauth2(TestTokens.service())
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn + "&_count=2")
                .then().statusCode(200).body("total", equalTo(3)).body("entry", hasSize(2))
                .extract().jsonPath();
        String next = first.getString("link.find { it.relation == 'next' }.url");
        assertThat(next).contains("_offset=2");

        JsonPath second = given().auth().oauth2(TestTokens.service()).get(next)
                .then().statusCode(200).body("entry", hasSize(1)).extract().jsonPath();
        List<String> ids = new java.util.ArrayList<>(first.getList("entry.resource.id"));
        ids.addAll(second.getList("entry.resource.id"));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(second.getString("link.find { it.relation == 'next' }")).isNull();
    }

    @Test
    void statusAndLastUpdatedFilter() {
        String bsn = freshBsn();
        ObjectNode withdrawn = create(bsn, "00000101");
        create(bsn, "00000101");
        withdrawn.put("status", "inactive");
        given().auth().oauth2(TestTokens.sourceSystem("00000101")).contentType("application/fhir+json")
                .body(withdrawn.toString()).put("/fhir/Consent/" + withdrawn.get("id").asText()).then().statusCode(200);

        given().auth().oauth2(TestTokens.service())
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn + "&status=inactive")
                .then().statusCode(200).body("total", equalTo(1)).body("entry[0].resource.id", equalTo(withdrawn.get("id").asText()));
        given().auth().oauth2(TestTokens.service())
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn + "&_lastUpdated=ge2020-01-01&_lastUpdated=lt2099-01-01")
                .then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(TestTokens.service())
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + bsn + "&_lastUpdated=lt2020-01-01")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badSearchParametersAre400() {
        for (String query : List.of("unknown=1", "_count=1000", "_count=-1", "_offset=-5", "_count=abc",
                "patient:identifier=123", "status=maybe", "_lastUpdated=2026-01-01", "_lastUpdated=ge2026-13-45",
                "patient:identifier=urn:other|999993653")) {
            given().auth().oauth2(TestTokens.service()).get("/fhir/Consent?" + query)
                    .then().statusCode(400)
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].severity", equalTo("error"));
        }
    }

    @Test
    void aClientSearchingForSomeoneElseIsForbidden() {
        given().auth().oauth2(TestTokens.client(freshBsn()))
                .get("/fhir/Consent?patient:identifier=" + BSN_SYSTEM + "999993653")
                .then().statusCode(403);
    }
}
