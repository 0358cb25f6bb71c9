package nl.inzage.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.messaging.ReadOutcome.Accepted;
import nl.inzage.audit.messaging.ReadOutcome.Rejected;
import nl.inzage.contracts.EventTypes;
import org.junit.jupiter.api.Test;

class AuditEventReaderTest {

    private static final String EVENT = """
            {"eventId":"e-1","occurredAt":"2025-03-01T10:15:30Z","requestId":"r-1",
             "practitioner":{"uzi":"900000001","name":"A. Verloskundige","role":"verloskundige",
                             "organization":"00000101","organizationType":"G3"},
             "patientBsn":"999993653","dataHolder":"00000201","dataCategory":"pregnancy",
             "action":"read","decision":"permit","reasons":["consent-permit"],"consentIds":["c-1"],
             "relationshipIds":[],"purposeOfUse":"ETREAT","emergency":true,"sourceIp":"10.0.0.1",
             "someFutureField":1}""";

    private final AuditEventReader reader = new AuditEventReader(JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    @Test
    void accessDecidedIsMappedOntoTheColumnsAndKeptVerbatim() {
        AuditRecord record = accepted(reader.read(EVENT, null, EventTypes.ACCESS_DECIDED));

        assertThat(record).isEqualTo(new AuditRecord("e-1", EventTypes.ACCESS_DECIDED,
                Instant.parse("2025-03-01T10:15:30Z"), "999993653", "900000001", "verloskundige", "00000101",
                "00000201", "permit", true, EVENT));
    }

    @Test
    void cloudEventIdHeaderWinsOverThePayloadsEventId() {
        assertThat(accepted(reader.read(EVENT, "ce-9", null)).eventId()).isEqualTo("ce-9");
    }

    @Test
    void payloadEventIdIsUsedWhenThereIsNoHeader() {
        assertThat(accepted(reader.read(EVENT, null, null)).eventId()).isEqualTo("e-1");
    }

    @Test
    void recordWithoutAnyEventIdIsRejected() {
        assertThat(rejection(reader.read(EVENT.replace("\"eventId\":\"e-1\",", ""), null, null)))
                .isEqualTo(Rejection.NO_EVENT_ID);
    }

    @Test
    void valueThatIsNotJsonIsRejected() {
        assertThat(rejection(reader.read("this is not json", "x", null))).isEqualTo(Rejection.NOT_JSON);
        assertThat(rejection(reader.read(EVENT + " trailing", "x", null))).isEqualTo(Rejection.NOT_JSON);
    }

    @Test
    void emptyValueIsRejected() {
        assertThat(rejection(reader.read(null, "x", null))).isEqualTo(Rejection.EMPTY);
        assertThat(rejection(reader.read("  ", "x", null))).isEqualTo(Rejection.EMPTY);
    }

    @Test
    void jsonThatIsNotAnAccessDecidedIsRejected() {
        assertThat(rejection(reader.read("[1,2]", "x", null))).isEqualTo(Rejection.NOT_ACCESS_DECIDED);
        assertThat(rejection(reader.read("{\"hello\":\"world\"}", "x", null))).isEqualTo(Rejection.NOT_ACCESS_DECIDED);
        assertThat(rejection(reader.read(EVENT.replace("\"2025-03-01T10:15:30Z\"", "\"yesterday\""), null, null)))
                .isEqualTo(Rejection.NOT_ACCESS_DECIDED);
        assertThat(rejection(reader.read(EVENT.replace("\"decision\":\"permit\",", ""), null, null)))
                .isEqualTo(Rejection.NOT_ACCESS_DECIDED);
    }

    @Test
    void eventOfAnotherTypeIsRejected() {
        assertThat(rejection(reader.read(EVENT, "x", EventTypes.CONSENT_CHANGED))).isEqualTo(Rejection.UNEXPECTED_TYPE);
    }

    @Test
    void eventWithOnlyADataHolderIsAccepted() {
        String withoutPractitionerOrganization = EVENT.replace("\"organization\":\"00000101\",", "");
        assertThat(accepted(reader.read(withoutPractitionerOrganization, null, null)).dataHolderUra()).isEqualTo("00000201");
    }

    @Test
    void rejectionNeverQuotesThePayload() {
        ReadOutcome outcome = reader.read("{\"patientBsn\":\"999993653\", oops", "x", null);
        assertThat(((Rejected) outcome).rejection().describe()).doesNotContain("999993653");
    }

    private static AuditRecord accepted(ReadOutcome outcome) {
        assertThat(outcome).isInstanceOf(Accepted.class);
        return ((Accepted) outcome).record();
    }

    private static String rejection(ReadOutcome outcome) {
        assertThat(outcome).isInstanceOf(Rejected.class);
        return ((Rejected) outcome).rejection().code();
    }
}
