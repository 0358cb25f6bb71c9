package nl.inzage.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AsciiNumbers;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.Caller;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.audit.config.AuditConfig;
import nl.inzage.audit.replay.Explanation;
import nl.inzage.audit.replay.LawfulnessReplay;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.RelationshipChanged;

/** The lawfulness replay of one logged access decision, for the privacy officer whose organisation it concerns. */
@ApplicationScoped
public class ExplainService {

    private final AuditRecordRepository records;
    private final ObjectMapper json;
    private final LawfulnessReplay replay;

    public ExplainService(AuditRecordRepository records, ObjectMapper json, AuditConfig config) {
        this.records = records;
        this.json = json;
        this.replay = new LawfulnessReplay(config.matrix(), ZoneId.of(config.zone()));
    }

    /** @param id the record's seq or its event id */
    public Uni<Explained> explain(Caller caller, String id) {
        if (!Identifiers.isValidUra(caller.ura())) {
            throw AuditProblem.forbidden("The token carries no valid 'ura' claim: the log is read per organisation.");
        }
        return find(id).chain(found -> {
            StoredAuditRecord stored = found.orElseThrow(
                    () -> new AuditProblem(404, "Not found", "No log record with this id."));
            AuditRecord r = stored.record();
            if (!caller.ura().equals(r.organizationUra()) && !caller.ura().equals(r.dataHolderUra())) {
                throw AuditProblem.forbidden("This record concerns neither your organisation's users nor data it holds.");
            }
            if (!EventTypes.ACCESS_DECIDED.equals(r.eventType())) {
                throw AuditProblem.badRequest("Only access decisions can be replayed; this record is a " + r.eventType() + ".");
            }
            Uni<List<ConsentChanged>> consents = records.changesUntil(EventTypes.CONSENT_CHANGED, r.patientBsn(), r.occurredAt())
                    .map(list -> parse(list, ConsentChanged.class));
            Uni<List<RelationshipChanged>> relationships = records
                    .changesUntil(EventTypes.RELATIONSHIP_CHANGED, r.patientBsn(), r.occurredAt())
                    .map(list -> parse(list, RelationshipChanged.class));
            return Uni.combine().all().unis(consents, relationships).asTuple()
                    .map(both -> new Explained(stored.seq(), r.eventId(), r.practitionerUzi(), r.organizationUra(),
                            r.dataHolderUra(), replay.explain(r, AccessDetails.parse(json, r.payload()), both.getItem1(),
                                    both.getItem2())));
        });
    }

    /** An id that cannot name a record is not looked up: it is as unknown as one that names none (404). */
    private Uni<Optional<StoredAuditRecord>> find(String id) {
        if (RecordIds.isSeq(id)) {
            return records.bySeq(AsciiNumbers.parse(id));
        }
        if (RecordIds.isEventId(id)) {
            return records.byEventId(id);
        }
        return Uni.createFrom().item(Optional.empty());
    }

    private <T> List<T> parse(List<StoredAuditRecord> stored, Class<T> type) {
        return stored.stream().map(s -> {
            try {
                return json.readValue(s.record().payload(), type);
            } catch (JsonProcessingException e) {
                // Ingest accepted it as this type, so this cannot happen; skip rather than guess.
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    /** The replay with what it is about. */
    public record Explained(long seq, String eventId, String practitionerUzi, String organizationUra, String dataHolderUra,
            Explanation explanation) {
    }
}
