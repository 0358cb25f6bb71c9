package nl.inzage.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.messaging.ReadOutcome.Accepted;
import nl.inzage.audit.messaging.ReadOutcome.Rejected;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import org.junit.jupiter.api.Test;

class ChangeEventReaderTest {

    static final String CONSENT = """
            {"eventId":"c-e-1","consentId":"c-1","version":2,"revision":7,"recordedAt":"2025-03-01T10:15:30Z",
             "actor":{"type":"source-system","id":"source-00000101","organization":"00000101"},
             "origin":"source-system","status":"inactive","patientBsn":"999993653","custodianUra":"00000201",
             "rules":[],"resource":"{}","someFutureField":true}""";

    static final String RELATIONSHIP = """
            {"eventId":"r-e-1","relationshipId":"r-1","version":1,"revision":3,"recordedAt":"2025-03-02T08:00:00Z",
             "actor":{"type":"source-system","id":"source-00000101","organization":"00000101"},
             "patientBsn":"999993653","organization":"00000101","organizationType":"G3","practitioner":"900000101",
             "kind":"treatment","status":"active","start":"2025-01-01","end":null,"reason":"intake"}""";

    private final ChangeEventReader reader = new ChangeEventReader(JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    @Test
    void consentChangeIsFiledUnderItsCustodianAndActingOrganisationAndKeptVerbatim() {
        AuditRecord record = accepted(reader.read(Topics.CONSENT_EVENTS, CONSENT, null, EventTypes.CONSENT_CHANGED));

        assertThat(record).isEqualTo(new AuditRecord("c-e-1", EventTypes.CONSENT_CHANGED,
                Instant.parse("2025-03-01T10:15:30Z"), "999993653", null, null, "00000101", "00000201", null, false,
                CONSENT));
    }

    @Test
    void relationshipChangeIsFiledUnderItsOrganisation() {
        AuditRecord record = accepted(reader.read(Topics.RELATIONSHIP_EVENTS, RELATIONSHIP, "ce-r", null));

        assertThat(record).isEqualTo(new AuditRecord("ce-r", EventTypes.RELATIONSHIP_CHANGED,
                Instant.parse("2025-03-02T08:00:00Z"), "999993653", "900000101", null, "00000101", null, null, false,
                RELATIONSHIP));
    }

    @Test
    void recordOfTheOtherChangeTypeOnATopicIsRejected() {
        assertThat(rejection(reader.read(Topics.CONSENT_EVENTS, CONSENT, "x", EventTypes.RELATIONSHIP_CHANGED)))
                .isEqualTo(Rejection.UNEXPECTED_TYPE);
        assertThat(rejection(reader.read(Topics.RELATIONSHIP_EVENTS, CONSENT, "x", null)))
                .isEqualTo(Rejection.NOT_A_CHANGE);
    }

    @Test
    void tombstoneNotJsonAndIncompleteChangesAreRejected() {
        assertThat(rejection(reader.read(Topics.CONSENT_EVENTS, null, "x", null))).isEqualTo(Rejection.EMPTY);
        assertThat(rejection(reader.read(Topics.CONSENT_EVENTS, "{oops", "x", null))).isEqualTo(Rejection.NOT_JSON);
        assertThat(rejection(reader.read(Topics.CONSENT_EVENTS, CONSENT.replace("\"custodianUra\":\"00000201\",", ""),
                "x", null))).isEqualTo(Rejection.NOT_A_CHANGE);
        assertThat(rejection(reader.read(Topics.CONSENT_EVENTS, CONSENT.replace("\"version\":2", "\"version\":\"two\""),
                "x", null))).isEqualTo(Rejection.NOT_A_CHANGE);
        assertThat(rejection(reader.read(Topics.RELATIONSHIP_EVENTS, RELATIONSHIP.replace("\"eventId\":\"r-e-1\",", ""),
                null, null))).isEqualTo(Rejection.NO_EVENT_ID);
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
