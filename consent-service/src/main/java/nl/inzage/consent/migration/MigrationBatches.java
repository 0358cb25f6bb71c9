package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import nl.inzage.consent.repository.ConsentRepository;
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
    private final ConsentRepository register;

    public MigrationBatches(ConsentService consents, ConsentRepository register) {
        this.consents = consents;
        this.register = register;
    }

    @WithTransaction
    public Uni<Void> commit(String jobId, List<Judged> batch, long bytesDone) {
        // The row lock keeps a second runner of the same job (a resume racing a restart) from doing a batch twice.
        return MigrationJobEntity.<MigrationJobEntity>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(job -> batch.isEmpty() || batch.get(0).number() <= job.recordsDone
                        ? Uni.createFrom().voidItem()
                        : commitEach(job, batch, 0).invoke(() -> {
                            job.recordsDone = batch.get(batch.size() - 1).number();
                            job.bytesDone = bytesDone;
                            job.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        }));
    }

    private Uni<Void> commitEach(MigrationJobEntity job, List<Judged> batch, int index) {
        if (index == batch.size()) {
            return Uni.createFrom().voidItem();
        }
        return commitOne(job, batch.get(index)).chain(() -> commitEach(job, batch, index + 1));
    }

    private Uni<Void> commitOne(MigrationJobEntity job, Judged judged) {
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
        return decide(job, judged, line)
                .invoke(() -> job.count(line.outcome))
                .chain(() -> line.persist())
                // Flushed now, so the next record of the batch sees this one (the same consent twice in one file).
                .chain(() -> Panache.flush());
    }

    /** Imports a valid record (a dry run only says it would), unless it was imported before or the register holds a newer choice. */
    private Uni<Void> decide(MigrationJobEntity job, Judged judged, MigrationRecordEntity line) {
        return MigrationRecordEntity.count("recordKey = ?1 and consentId is not null", judged.key()).chain(imported -> {
            if (imported > 0) {
                line.outcome = MigrationRecordEntity.ALREADY_IMPORTED;
                return Uni.createFrom().voidItem();
            }
            return register.count("patientBsn = ?1 and custodianUra = ?2", judged.facts().patientBsn(), judged.facts().custodianUra())
                    .chain(held -> {
                        // A consent the register already holds is the client's newer choice: an old one must not override it.
                        if (held > 0) {
                            line.outcome = MigrationRecordEntity.REGISTER_HAS_CONSENT;
                            return Uni.createFrom().voidItem();
                        }
                        if (job.dryRun) {
                            line.outcome = MigrationRecordEntity.WOULD_IMPORT;
                            return Uni.createFrom().voidItem();
                        }
                        return consents.createMigrated(MigratedConsent.mark(judged.consent(), job.register, job.fileName, job.id),
                                        judged.facts(), actor(job))
                                .invoke(stored -> {
                                    line.outcome = MigrationRecordEntity.IMPORTED;
                                    line.consentId = stored.id();
                                })
                                .replaceWithVoid();
                    });
        });
    }

    private static Actor actor(MigrationJobEntity job) {
        return new Actor(job.requesterRole, job.requestedBy, job.requesterUra);
    }
}
