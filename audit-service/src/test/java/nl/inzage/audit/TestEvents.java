package nl.inzage.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.EventTypes;

/** Access decisions shaped like the gateway's, as log records. */
public final class TestEvents {

    private TestEvents() {
    }

    public static AccessDecided access(Instant at, String bsn, String uzi, String role, String organization,
            String dataHolder, String category, String decision, boolean emergency, List<String> reasons) {
        return new AccessDecided(UUID.randomUUID().toString(), at, "req-" + UUID.randomUUID(),
                new AccessDecided.Practitioner(uzi, "Dr. " + uzi, role, organization, "G3"), bsn, dataHolder, category,
                null, "read", decision, reasons, List.of(), List.of(), emergency ? "ETREAT" : "TREAT", emergency,
                "127.0.0.1");
    }

    public static AuditRecord record(ObjectMapper json, AccessDecided e) {
        try {
            return new AuditRecord(e.eventId(), EventTypes.ACCESS_DECIDED, e.occurredAt(), e.patientBsn(),
                    e.practitioner().uzi(), e.practitioner().role(), e.practitioner().organization(), e.dataHolder(),
                    e.decision(), e.emergency(), json.writeValueAsString(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
