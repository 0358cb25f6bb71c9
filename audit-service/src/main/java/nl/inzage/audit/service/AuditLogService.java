package nl.inzage.audit.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.Caller;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.contracts.Identifiers;

/** The access log: entries go in once and are read back only within the caller's organisation. */
@ApplicationScoped
public class AuditLogService {

    private final AuditRecordRepository records;

    public AuditLogService(AuditRecordRepository records) {
        this.records = records;
    }

    /** Stores the entries not stored before, all or none; answers how many were new. */
    public Uni<Integer> record(List<AuditRecord> entries) {
        return records.insertAll(entries);
    }

    /** A privacy officer sees the records of their own organisation only, as requester or as data holder. */
    public Uni<List<StoredAuditRecord>> search(Caller caller, AuditFilter filter) {
        return Uni.createFrom().item(caller)
                .invoke(AuditLogService::requireOrganization)
                .chain(c -> records.search(c.ura(), filter));
    }

    private static void requireOrganization(Caller caller) {
        if (!Identifiers.isValidUra(caller.ura())) {
            throw AuditProblem.forbidden("The token carries no valid 'ura' claim: the log is read per organisation.");
        }
    }
}
