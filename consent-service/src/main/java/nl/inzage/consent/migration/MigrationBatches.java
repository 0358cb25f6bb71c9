package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.Actor;

/**
 * Commits one batch of judged records: each record's report line, the consent version and outbox
 * event of each record imported, and the job's progress and totals, in one transaction. A crash
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

    @WithTransaction
    public Uni<Void> commit(String jobId, List<Judged> batch, long bytesDone) {
        // The row lock keeps a second runner of the same job (a resume racing a restart) from doing a batch twice.
        return MigrationJobEntity.<MigrationJobEntity>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> batch.isEmpty() || batch.get(0).number() <= job.recordsDone
                        ? Uni.createFrom().voidItem()
                        : known(batch)
                                .chain(known -> commitEach(job, batch, known, 0))
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

    private Uni<Void> commitEach(MigrationJobEntity job, List<Judged> batch, Known known, int index) {
        if (index == batch.size()) {
            return Uni.createFrom().voidItem();
        }
        return commitOne(job, batch.get(index), known).chain(() -> commitEach(job, batch, known, index + 1));
    }

    private Uni<Void> commitOne(MigrationJobEntity job, Judged judged, Known known) {
        MigrationRecordEntity line = new MigrationRecordEntity();
        line.jobId = job.id;
        line.recordNo = judged.number();
        line.organisation = judged.organisation();
        line.result = judged.verdict().result().code();
        line.detail = judged.verdict().detail();
        job.count(judged.verdict().result());
        if (!judged.verdict().valid()) {
            return line.persist().replaceWithVoid();
        }
        line.recordKey = judged.key();
        return decide(job, judged, known, line)
                .invoke(() -> job.count(line.outcome))
                .chain(() -> line.persist())
                .replaceWithVoid();
    }

    /**
     * Imports a valid record (a dry run only says it would), unless it was imported before or the
     * register holds a consent of this client at this data holder: her newer choice, which an old
     * one must not override. A dry run predicts the same for a record that repeats one before it.
     */
    private Uni<Void> decide(MigrationJobEntity job, Judged judged, Known known, MigrationRecordEntity line) {
        String client = Known.client(judged);
        if (known.importedKeys().contains(judged.key())) {
            line.outcome = MigrationRecordEntity.ALREADY_IMPORTED;
            return Uni.createFrom().voidItem();
        }
        if (known.heldClients().contains(client)) {
            line.outcome = MigrationRecordEntity.REGISTER_HAS_CONSENT;
            return Uni.createFrom().voidItem();
        }
        known.importedKeys().add(judged.key());
        known.heldClients().add(client);
        if (job.dryRun) {
            line.outcome = MigrationRecordEntity.WOULD_IMPORT;
            return Uni.createFrom().voidItem();
        }
        return consents.createMigrated(MigratedConsent.mark(judged.consent(), job.register, job.fileName, job.id), judged.facts(), actor(job))
                .invoke(stored -> {
                    line.outcome = MigrationRecordEntity.IMPORTED;
                    line.consentId = stored.id();
                })
                .replaceWithVoid();
    }

    private static Actor actor(MigrationJobEntity job) {
        return new Actor(job.requesterRole, job.requestedBy, job.requesterUra);
    }
}
