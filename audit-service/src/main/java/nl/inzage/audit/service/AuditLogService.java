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

    /** Appends the entries not stored before to the chain, all or none; answers how many were new. */
    public Uni<Integer> record(List<AuditRecord> entries) {
        return records.append(entries);
    }

    /** A privacy officer sees the records of their own organisation only, as requester or as data holder. */
    public Uni<List<StoredAuditRecord>> search(Caller caller, AuditFilter filter) {
        return Uni.createFrom().item(caller)
                .invoke(AuditLogService::requireOrganization)
                .chain(c -> records.search(c.ura(), filter));
    }

    /** Break-the-glass accesses by or to the caller's organisation, for review. */
    public Uni<List<StoredAuditRecord>> emergencies(Caller caller, AuditFilter filter) {
        AuditFilter emergencies = new AuditFilter(filter.patientBsn(), filter.practitionerUzi(), filter.from(), filter.to(),
                filter.decision(), true, filter.page(), filter.size());
        // Only access decisions carry the emergency flag: change events are never break-the-glass.
        return search(caller, emergencies);
    }

    /** The client's own view: accesses to her data only, the BSN taken from her token and nowhere else. */
    public Uni<List<StoredAuditRecord>> accessesTo(Caller caller, AuditFilter filter) {
        return Uni.createFrom().item(caller)
                .invoke(AuditLogService::requireBsn)
                .chain(c -> records.accessesTo(c.bsn(), filter));
    }

    private static void requireBsn(Caller caller) {
        if (!Identifiers.isValidBsn(caller.bsn())) {
            throw AuditProblem.forbidden("The token carries no valid 'bsn' claim: a client sees the accesses to her own data only.");
        }
    }

    private static void requireOrganization(Caller caller) {
        if (!Identifiers.isValidUra(caller.ura())) {
            throw AuditProblem.forbidden("The token carries no valid 'ura' claim: the log is read per organisation.");
        }
    }
}
