package nl.inzage.consent.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.inbound.InboundConsentReader.Readout;
import nl.inzage.consent.inbound.InboundConsentReader.Refused;
import nl.inzage.consent.inbound.InboundConsentReader.Unreadable;
import nl.inzage.consent.inbound.InboundConsentReader.Write;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an inbound record is taken for, without a container, a broker or a database. */
class InboundConsentReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static InboundConsentReader reader;
    private static String consent;

    @BeforeAll
    static void setUp() throws IOException {
        reader = new InboundConsentReader(new ConsentReader(FhirContextProducer.newContext()), JSON);
        try (InputStream in = InboundConsentReaderTest.class.getResourceAsStream("/fhir/consent-active-00000101.json")) {
            consent = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void consentWithoutIdIsACreate() {
        Write write = (Write) reader.read("ce-1", consent);
        assertThat(write.consentId()).isNull();
        assertThat(write.facts().custodianUra()).isEqualTo("00000101");
    }

    @Test
    void consentWithIdIsAnUpdateOfThatConsent() {
        Write write = (Write) reader.read(null, consent.replaceFirst("\\{", "{\"id\": \"abc-123\","));
        assertThat(write.consentId()).isEqualTo("abc-123");
    }

    @Test
    void valuesThatAreNoFhirConsentAreUnreadable() {
        assertThat(code(reader.read(null, null))).isEqualTo("empty");
        assertThat(code(reader.read(null, "  "))).isEqualTo("empty");
        assertThat(code(reader.read(null, "this is not json"))).isEqualTo("not-json");
        assertThat(code(reader.read(null, "{\"resourceType\": \"Consent\"} trailing"))).isEqualTo("not-json");
        assertThat(code(reader.read(null, "[1, 2]"))).isEqualTo("not-fhir");
        assertThat(code(reader.read(null, "{\"status\": \"active\"}"))).isEqualTo("not-fhir");
        assertThat(code(reader.read(null, "{\"resourceType\": \"Patient\"}"))).isEqualTo("not-consent");
    }

    @Test
    void unreadableReasonNeverQuotesTheValue() {
        Unreadable reason = (Unreadable) reader.read(null, "{\"resourceType\": \"999993653\"}");
        assertThat(reason.code()).isEqualTo("not-consent");
        assertThat(reason.describe()).doesNotContain("999993653");
    }

    @Test
    void unusableCeIdIsUnreadable() {
        assertThat(code(reader.read("a".repeat(InboundInput.MAX_ID_LENGTH + 1), consent))).isEqualTo("bad-ce-id");
        assertThat(code(reader.read("id\u0000", consent))).isEqualTo("bad-ce-id");
    }

    @Test
    void consentBreakingTheRulesIsRefusedAsOverRest() {
        assertThat(problem(reader.read(null, consent.replace("999993653", "123456789"))).issueType()).isEqualTo(IssueType.INVALID);
        // Unknown elements are refused, not dead-lettered: it is a Consent, with a mistake the source can fix.
        assertThat(problem(reader.read(null, consent.replaceFirst("\\{", "{\"colour\": \"blue\","))).status()).isEqualTo(400);
        Refused uninformed = (Refused) reader.read(null, consent.replace("http://inzage.nl/fhir/StructureDefinition/informed-consent",
                "http://example.org/other"));
        assertThat(uninformed.problem().status()).isEqualTo(422);
        assertThat(problem(reader.read(null, consent.replace("\"policyRule\"", "\"_policyRuleGone\""))).status()).isEqualTo(400);
    }

    @Test
    void inputIdIsTheCeIdElseThePosition() {
        InboundInput withId = InboundInput.of("consent.inbound.00000101", 0, 42, "ce-42");
        assertThat(withId.inputId()).isEqualTo("ce-42");
        assertThat(withId.sourceUra()).isEqualTo("00000101");
        assertThat(InboundInput.of("consent.inbound.00000101", 0, 42, null).inputId()).isEqualTo("consent.inbound.00000101-0-42");
        assertThat(InboundInput.of("consent.inbound.00000101", 0, 42, " ").inputId()).isEqualTo("consent.inbound.00000101-0-42");
        assertThat(InboundInput.of("consent.inbound.00000101", 2, 7, "x\u0007").inputId()).isEqualTo("consent.inbound.00000101-2-7");
        assertThatThrownBy(() -> InboundInput.of("consent.inbound.results", 0, 1, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resultBodyIsBuiltFromTheReceiptAlone() throws IOException {
        InboundResultPublisher publisher = new InboundResultPublisher(null, JSON, "consent-service");
        InboundReceiptEntity rejected = new InboundReceiptEntity();
        rejected.topic = "consent.inbound.00000201";
        rejected.inputId = "ce-7";
        rejected.outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"forbidden\"}]}";

        String body = publisher.body(rejected);
        JsonNode result = JSON.readTree(body);

        assertThat(result.get("inputId").asText()).isEqualTo("ce-7");
        assertThat(result.get("topic").asText()).isEqualTo("consent.inbound.00000201");
        assertThat(result.get("accepted").asBoolean()).isFalse();
        assertThat(result.get("id").isNull()).isTrue();
        assertThat(result.get("outcome").get("issue").get(0).get("code").asText()).isEqualTo("forbidden");
        assertThat(publisher.body(rejected)).as("the same receipt, the same body").isEqualTo(body);
    }

    private static String code(Readout readout) {
        assertThat(readout).isInstanceOf(Unreadable.class);
        return ((Unreadable) readout).code();
    }

    private static nl.inzage.consent.FhirProblem problem(Readout readout) {
        assertThat(readout).isInstanceOf(Refused.class);
        return ((Refused) readout).problem();
    }
}
