package nl.inzage.audit.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;

/** The privacy officer's CSV export: one row per record, the same columns for every query. */
@ApplicationScoped
public class AuditCsv {

    public static final String TEXT_CSV = "text/csv";

    private final CsvMapper csv = new CsvMapper();
    private final CsvSchema schema = csv.schemaFor(Row.class).withHeader();
    private final EventViews views;

    public AuditCsv(EventViews views) {
        this.views = views;
    }

    Response response(List<StoredAuditRecord> records, String filename) {
        List<Row> rows = records.stream().map(this::row).toList();
        try {
            return Response.ok(csv.writer(schema).writeValueAsString(rows), TEXT_CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing CSV of plain strings cannot fail", e);
        }
    }

    private Row row(StoredAuditRecord stored) {
        AuditRecord r = stored.record();
        AccessDetails d = views.details(stored);
        return new Row(stored.seq(), r.eventId(), r.eventType(), r.occurredAt().toString(), stored.recordedAt().toString(),
                r.patientBsn(), r.practitionerUzi(), d.practitionerName(), r.practitionerRole(), r.organizationUra(),
                r.dataHolderUra(), d.dataCategory(), d.action(), r.decision(), r.emergency(), d.purposeOfUse(),
                String.join(";", d.reasons()), d.emergencyReason());
    }

    @JsonPropertyOrder({"seq", "eventId", "eventType", "occurredAt", "recordedAt", "patientBsn", "practitionerUzi",
            "practitionerName", "practitionerRole", "organizationUra", "dataHolderUra", "dataCategory", "action",
            "decision", "emergency", "purposeOfUse", "reasons", "emergencyReason"})
    record Row(long seq, String eventId, String eventType, String occurredAt, String recordedAt, String patientBsn,
            String practitionerUzi, String practitionerName, String practitionerRole, String organizationUra,
            String dataHolderUra, String dataCategory, String action, String decision, boolean emergency,
            String purposeOfUse, String reasons, String emergencyReason) {
    }
}
