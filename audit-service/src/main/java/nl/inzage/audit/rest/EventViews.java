package nl.inzage.audit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;

/** Turns stored records into the views of each reader, with the details read from the payload. */
@ApplicationScoped
public class EventViews {

    private final ObjectMapper json;

    public EventViews(ObjectMapper json) {
        this.json = json;
    }

    public AccessDetails details(StoredAuditRecord stored) {
        return AccessDetails.parse(json, stored.record().payload());
    }

    EmergencyAccessView emergency(StoredAuditRecord stored) {
        AuditRecord r = stored.record();
        AccessDetails d = details(stored);
        return new EmergencyAccessView(stored.seq(), r.eventId(), r.occurredAt(), r.patientBsn(), r.practitionerUzi(),
                d.practitionerName(), r.practitionerRole(), r.organizationUra(), r.dataHolderUra(), d.dataCategory(),
                r.decision(), d.purposeOfUse(), d.emergencyReason(), d.reasons());
    }

    ClientAccessView client(StoredAuditRecord stored) {
        AuditRecord r = stored.record();
        AccessDetails d = details(stored);
        boolean allowed = "permit".equals(r.decision());
        return new ClientAccessView(r.occurredAt(), r.organizationUra(), d.organizationType(), r.dataHolderUra(),
                d.practitionerName(), r.practitionerRole(), d.dataCategory(), d.action(), allowed ? "allowed" : "refused",
                allowed ? d.basis(r.emergency()) : List.of(), r.emergency(), d.emergencyReason());
    }
}
