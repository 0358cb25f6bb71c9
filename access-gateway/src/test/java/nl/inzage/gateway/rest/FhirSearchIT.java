package nl.inzage.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.NamingSystems;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.FhirHoldersStub;
import nl.inzage.gateway.StateEvents;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.TestTokens;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The viewer's FHIR search against stub data holders: filtering by category, partial failure, holders without permit never called. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FhirHoldersStub.class)
class FhirSearchIT {

    private static final String WITH_DATA = "00000101";
    private static final String WITHOUT_CONSENT = "00000201";
    private static final String FAILING = "00000301";
    private static final String SLOW = "00000401";
    private static final String KRAAMZORG = "00000301";

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsentProjection consents;

    @Inject
    RelationshipProjection relationships;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaCompanion kafka;
    String bsn;

    @BeforeEach
    void clientWithConsentsAndARelationship() {
        kafka = new KafkaCompanion(bootstrap);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        bsn = TestBsns.fresh();
        StateEvents events = new StateEvents(kafka, mapper, consents, relationships);
        long consent = 0;
        for (String holder : List.of(WITH_DATA, FAILING, SLOW)) {
            consent = events.consent(bsn, holder, "active", 1);
        }
        long relationship = events.relationship(bsn, KRAAMZORG, "active", 1);
        long consentReached = consent;
        await().atMost(Duration.ofSeconds(10)).until(() -> consents.watermark().reached() >= consentReached
                && relationships.watermark().reached() >= relationship);
        FhirHoldersStub.server().resetAll();
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void mergesPermittedHoldersFiltersByCategoryAndReportsMissingHolders() {
        ConsumerTask<String, String> audit = kafka.consumeStrings()
                .withGroupId("fhir-it-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(Topics.AUDIT_EVENTS);
        String patientIdentifier = NamingSystems.BSN + "|" + bsn;
        FhirHoldersStub.server().stubFor(get(urlPathEqualTo("/fhir/" + WITH_DATA + "/Observation"))
                .withQueryParam("patient.identifier", WireMock.equalTo(patientIdentifier))
                .withQueryParam("_count", WireMock.equalTo("10"))
                .withQueryParam("patient", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/fhir+json").withBody(bundle(
                        tagged("Observation", "o-pregnancy", "pregnancy"),
                        tagged("Observation", "o-psychosocial", "psychosocial"),
                        coded("Observation", "o-newborn", "http://loinc.org", "8339-4"),
                        coded("Observation", "o-unknown", "http://loinc.org", "0000-0"),
                        "{\"resourceType\":\"CarePlan\",\"id\":\"cp-1\"}",
                        "{\"resourceType\":\"Condition\",\"id\":\"c-1\"}"))));
        FhirHoldersStub.server().stubFor(get(urlPathEqualTo("/fhir/" + FAILING + "/Observation"))
                .willReturn(aResponse().withStatus(500)));
        FhirHoldersStub.server().stubFor(get(urlPathEqualTo("/fhir/" + SLOW + "/Observation"))
                .willReturn(aResponse().withFixedDelay(6000).withHeader("Content-Type", "application/fhir+json").withBody(bundle(
                        tagged("Observation", "o-late", "pregnancy")))));

        long started = System.nanoTime();
        given().auth().oauth2(TestTokens.practitioner("kraamverzorgende", "900000301", KRAAMZORG, "K4"))
                .queryParam("_count", "10")
                .queryParam("patient", "Patient/someone-else")
                .get("/viewer/patients/" + bsn + "/fhir/Observation")
                .then().statusCode(200)
                .contentType("application/fhir+json")
                .body("resourceType", is("Bundle"))
                .body("type", is("searchset"))
                .body("entry.findAll { it.search.mode == 'match' }.resource.id", containsInAnyOrder("o-pregnancy", "o-newborn", "cp-1"))
                .body("entry.findAll { it.search.mode == 'match' }.resource.meta.tag.flatten().findAll { it.system == '"
                        + NamingSystems.URA + "' }.code", everyItem(is(WITH_DATA)))
                .body("entry.findAll { it.search.mode == 'outcome' }.resource.issue.flatten().diagnostics",
                        containsInAnyOrder(org.hamcrest.Matchers.containsString(FAILING), org.hamcrest.Matchers.containsString(SLOW)))
                .body("entry.findAll { it.search.mode == 'outcome' }.resource.issue.flatten().severity", everyItem(is("warning")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within the time budget").isLessThan(Duration.ofSeconds(5));

        // The holder without consent was never asked.
        FhirHoldersStub.server().verify(0, anyRequestedFor(urlPathMatching("/fhir/" + WITHOUT_CONSENT + "/.*")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> mine = audit.getRecords().stream().map(ConsumerRecord::value).map(this::jsonOrNull)
                    .filter(event -> event != null && bsn.equals(event.path("patientBsn").asText())).toList();
            assertThat(mine).extracting(event -> event.path("action").asText()).containsOnly("search");
            assertThat(mine).hasSize(FhirHoldersStub.HOLDERS.length * DataCategories.ALL.size());
            assertThat(mine).anySatisfy(event -> {
                assertThat(event.path("dataHolder").asText()).isEqualTo(WITH_DATA);
                assertThat(event.path("decision").asText()).isEqualTo("permit");
                assertThat(event.path("query").asText()).startsWith("Observation?");
            });
        });
        audit.close();
    }

    @Test
    void noHolderIsCalledWhenNothingIsPermitted() {
        given().auth().oauth2(TestTokens.practitioner("gynaecoloog", "900000201", "00000201", "V4"))
                .get("/viewer/patients/" + bsn + "/fhir/Observation")
                .then().statusCode(200)
                .body("total", is(0))
                .body("entry", is(List.of()));
        FhirHoldersStub.server().verify(0, anyRequestedFor(urlPathMatching("/fhir/.*")));
    }

    @Test
    void invalidResourceTypeIsRefused() {
        given().auth().oauth2(TestTokens.practitioner("kraamverzorgende", "900000301", KRAAMZORG, "K4"))
                .get("/viewer/patients/" + bsn + "/fhir/observation$everything")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static String bundle(String... resources) {
        StringBuilder entries = new StringBuilder();
        for (String resource : resources) {
            entries.append(entries.length() == 0 ? "" : ",").append("{\"resource\":").append(resource).append(",\"search\":{\"mode\":\"match\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + entries + "]}";
    }

    private static String tagged(String type, String id, String category) {
        return "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\",\"meta\":{\"tag\":[{\"system\":\"" + DataCategories.SYSTEM
                + "\",\"code\":\"" + category + "\"}]}}";
    }

    private static String coded(String type, String id, String system, String code) {
        return "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\",\"code\":{\"coding\":[{\"system\":\"" + system
                + "\",\"code\":\"" + code + "\"}]}}";
    }

    private JsonNode jsonOrNull(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }
}
