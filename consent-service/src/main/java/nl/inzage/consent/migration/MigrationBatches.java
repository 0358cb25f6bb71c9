package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.Actor;
import nl.inzage.outbox.RowInserts;

/**
 * Commits one batch of judged records: each record's report line, the consent version and outbox
 * event of each record imported, and the job's progress and totals, in one transaction, with a
 * handful of statements per batch (not per record). A crash
 * loses the whole batch or nothing, and the job's {@code records_done} names exactly the records
 * that are done.
 */
@ApplicationScoped
public class MigrationBatches {

    private final ConsentService consents;

    public MigrationBatches(ConsentService consents) {
        this.consents = consents;
    }

    /**
     * What the register already holds of this batch's valid records, asked once per batch (two
     * queries, not two per record), then kept up to date as the batch imports.
     */
    private record Known(Set<String> importedKeys, Set<String> heldClients) {

        static String client(Judged judged) {
            return judged.facts().patientBsn() + "|" + judged.facts().custodianUra();
        }
    }

    /**
     * The Consents a real run may import from this batch, keyed by record number, marked with
     * their origin and encoded: CPU work for the caller's (the migration worker's) thread, so the
     * event loop that commits the batch only writes. Empty for a dry run.
     */
    public Map<Long, ConsentService.Migrated> prepare(MigrationJobEntity job, List<Judged> batch) {
        Map<Long, ConsentService.Migrated> prepared = new HashMap<>();
        if (!job.dryRun) {
            for (Judged judged : batch) {
                if (judged.verdict().valid()) {
                    prepared.put(judged.number(), consents.prepareMigrated(
                            MigratedConsent.mark(judged.consent(), job.register, job.fileName, job.id), judged.facts()));
                }
            }
        }
        return prepared;
    }

    @WithTransaction
    public Uni<Void> commit(String jobId, List<Judged> batch, Map<Long, ConsentService.Migrated> prepared, long bytesDone) {
        // The row lock keeps a second runner of the same job (a resume racing a restart) from doing a batch twice.
        return MigrationJobEntity.<MigrationJobEntity>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> batch.isEmpty() || batch.get(0).number() <= job.recordsDone
                        ? Uni.createFrom().voidItem()
                        : known(batch)
                                .chain(known -> commitAll(job, batch, prepared, known))
                                .invoke(() -> {
                                    job.recordsDone = batch.get(batch.size() - 1).number();
                                    job.bytesDone = bytesDone;
                                    job.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                                }));
    }

    private static Uni<Known> known(List<Judged> batch) {
        List<Judged> valid = batch.stream().filter(judged -> judged.verdict().valid()).toList();
        if (valid.isEmpty()) {
            return Uni.createFrom().item(new Known(new HashSet<>(), new HashSet<>()));
        }
        List<String> keys = valid.stream().map(Judged::key).toList();
        List<String> bsns = valid.stream().map(judged -> judged.facts().patientBsn()).distinct().toList();
        return Panache.getSession().chain(session -> session
                        .createQuery("select r.recordKey from MigrationRecordEntity r where r.recordKey in :keys and r.consentId is not null",
                                String.class)
                        .setParameter("keys", keys).getResultList()
                        .chain(imported -> session
                                .createQuery("select concat(c.patientBsn, '|', c.custodianUra) from ConsentEntity c where c.patientBsn in :bsns",
                                        String.class)
                                .setParameter("bsns", bsns).getResultList()
                                .map(held -> new Known(new HashSet<>(imported), new HashSet<>(held)))));
    }

    /**
     * Decides each record's outcome in batch order, imports the records to import with a few
     * statements for the whole batch (see {@link ConsentService#createMigrated}), then writes every
     * record's report line, also with one statement.
     */
    private Uni<Void> commitAll(MigrationJobEntity job, List<Judged> batch, Map<Long, ConsentService.Migrated> prepared, Known known) {
        List<MigrationRecordEntity> lines = new ArrayList<>(batch.size());
        List<MigrationRecordEntity> toImport = new ArrayList<>();
        List<ConsentService.Migrated> consentsToImport = new ArrayList<>();
        for (Judged judged : batch) {
            MigrationRecordEntity line = new MigrationRecordEntity();
            line.jobId = job.id;
            line.recordNo = judged.number();
            line.organisation = judged.organisation();
            line.result = judged.verdict().result().code();
            line.detail = judged.verdict().detail();
            job.count(judged.verdict().result());
            lines.add(line);
            if (!judged.verdict().valid()) {
                continue;
            }
            line.recordKey = judged.key();
            line.outcome = decide(job, judged, known);
            if (MigrationRecordEntity.IMPORTED.equals(line.outcome)) {
                toImport.add(line);
                consentsToImport.add(prepared.get(judged.number()));
            }
            job.count(line.outcome);
        }
        return consents.createMigrated(consentsToImport, actor(job))
                .invoke(stored -> {
                    for (int i = 0; i < stored.size(); i++) {
                        toImport.get(i).consentId = stored.get(i).id();
                    }
                })
                .chain(() -> RowInserts.insert("migration_record", LINE_COLUMNS, lines.stream()
                        .map(line -> new Object[] {line.jobId, line.recordNo, line.organisation, line.result, line.outcome, line.detail,
                                line.recordKey, line.consentId})
                        .toList()));
    }

    private static final List<String> LINE_COLUMNS = List.of("job_id", "record_no", "organisation", "result", "outcome", "detail",
            "record_key", "consent_id");

    /**
     * Imports a valid record (a dry run only says it would), unless it was imported before or the
     * register holds a consent of this client at this data holder: her newer choice, which an old
     * one must not override. A dry run predicts the same for a record that repeats one before it.
     */
    private static String decide(MigrationJobEntity job, Judged judged, Known known) {
        String client = Known.client(judged);
        if (known.importedKeys().contains(judged.key())) {
            return MigrationRecordEntity.ALREADY_IMPORTED;
        }
        if (known.heldClients().contains(client)) {
            return MigrationRecordEntity.REGISTER_HAS_CONSENT;
        }
        known.importedKeys().add(judged.key());
        known.heldClients().add(client);
        return job.dryRun ? MigrationRecordEntity.WOULD_IMPORT : MigrationRecordEntity.IMPORTED;
    }

    private static Actor actor(MigrationJobEntity job) {
        return new Actor(job.requesterRole, job.requestedBy, job.requesterUra);
    }
}
