package nl.inzage.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SourceSystemResourceTest {

    private static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn|";

    @Test
    void searchAnswersTheDossierOfTheRequestedClientTaggedWithCategories() {
        given().queryParam("patient.identifier", BSN + "999990019")
                .when().get("/fhir/00000101/Observation")
                .then().statusCode(200)
                .contentType("application/fhir+json")
                .body("resourceType", equalTo("Bundle"))
                .body("total", greaterThan(3))
                .body("entry.resource.resourceType", everyItem(equalTo("Observation")))
                .body("entry.resource.subject.identifier.value", everyItem(equalTo("999990019")))
                .body("entry.resource.meta.tag.flatten().system", everyItem(equalTo("http://inzage.nl/fhir/CodeSystem/data-category")))
                .body("entry.resource.meta.tag.flatten().code", hasItems("pregnancy", "lab-results", "ultrasound", "psychosocial"));
    }

    @Test
    void typesOtherThanAskedAreNotReturned() {
        given().queryParam("patient.identifier", BSN + "999993653")
                .when().get("/fhir/00000301/CarePlan")
                .then().statusCode(200)
                .body("entry.size()", equalTo(1))
                .body("entry[0].resource.title", notNullValue());
    }

    @Test
    void aBsnFailingTheElevenTestIsRefused() {
        given().queryParam("patient.identifier", BSN + "999993654")
                .when().get("/fhir/00000101/Observation")
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        given().when().get("/fhir/00000101/Observation").then().statusCode(400);
    }

    @Test
    void anUnknownOrganisationIs404() {
        given().queryParam("patient.identifier", BSN + "999993653")
                .when().get("/fhir/00000999/Observation")
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }
}
