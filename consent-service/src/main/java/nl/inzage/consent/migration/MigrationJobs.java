package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.inzage.consent.FhirProblem;

/** The jobs and their reports. */
@ApplicationScoped
public class MigrationJobs {

    private static final java.util.regex.Pattern JOB_ID =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public static final String CSV = "csv";
    public static final String FHIR = "fhir";
    private static final int PAGE = 1000;

    /** Per organisation: how many records had each result and each outcome. */
    public record OrganisationTotals(String organisation, Map<String, Long> counts) {
    }

    @WithTransaction
    public Uni<MigrationJobEntity> create(MigrationJobEntity job) {
        OffsetDateTime now = now();
        job.state = MigrationJobEntity.QUEUED;
        job.createdAt = now;
        job.updatedAt = now;
        return job.persist().replaceWith(job);
    }

    @WithSession
    public Uni<MigrationJobEntity> find(String id) {
        // Job ids are UUIDs: anything else (a NUL byte, 5000 characters) is not looked up, nor echoed back.
        if (id == null || !JOB_ID.matcher(id).matches()) {
            return Uni.createFrom().failure(FhirProblem.notFound("No migration with that id."));
        }
        return MigrationJobEntity.<MigrationJobEntity>findById(id)
                .onItem().ifNull().failWith(() -> FhirProblem.notFound("No migration with id '" + id + "'."));
    }

    /** Marks the job running from where it got to; null when it is finished already. */
    @WithTransaction
    public Uni<MigrationJobEntity> start(String id) {
        return MigrationJobEntity.<MigrationJobEntity>findById(id).map(job -> {
            if (job == null || MigrationJobEntity.FINISHED.equals(job.state)) {
                return null;
            }
            job.state = MigrationJobEntity.RUNNING;
            job.error = null;
            job.startedAt = now();
            job.updatedAt = job.startedAt;
            job.resumedFrom = job.recordsDone;
            return job;
        });
    }

    @WithTransaction
    public Uni<Void> finish(String id) {
        return MigrationJobEntity.<MigrationJobEntity>findById(id).invoke(job -> {
            job.state = MigrationJobEntity.FINISHED;
            job.finishedAt = now();
            job.updatedAt = job.finishedAt;
            job.bytesDone = job.fileBytes;
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> fail(String id, String reason) {
        return MigrationJobEntity.<MigrationJobEntity>findById(id).invoke(job -> {
            job.state = MigrationJobEntity.FAILED;
            job.error = reason;
            job.updatedAt = now();
        }).replaceWithVoid();
    }

    /** A failed job, queued again: it goes on after its last committed record. */
    @WithTransaction
    public Uni<MigrationJobEntity> requeue(String id) {
        return MigrationJobEntity.<MigrationJobEntity>findById(id).map(job -> {
            if (!MigrationJobEntity.FAILED.equals(job.state)) {
                throw new FhirProblem(409, org.hl7.fhir.r4.model.OperationOutcome.IssueType.CONFLICT,
                        "Only a failed migration can be resumed; this one is " + job.state + ".");
            }
            job.state = MigrationJobEntity.QUEUED;
            job.updatedAt = now();
            return job;
        });
    }

    @WithSession
    public Uni<List<String>> unfinished() {
        return MigrationJobEntity.<MigrationJobEntity>list("state in ?1 order by createdAt",
                        List.of(MigrationJobEntity.QUEUED, MigrationJobEntity.RUNNING))
                .map(list -> list.stream().map(job -> job.id).toList());
    }

    /** Results and outcomes counted per organisation (records without a well-formed URA under "unknown"). */
    @WithSession
    public Uni<List<OrganisationTotals>> totals(String id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select coalesce(organisation, 'unknown'), result, coalesce(outcome, ''), count(*) from migration_record"
                                + " where job_id = :job group by 1, 2, 3", Object[].class)
                .setParameter("job", id)
                .getResultList())
                .map(rows -> {
                    Map<String, Map<String, Long>> byOrganisation = new TreeMap<>();
                    for (Object[] row : rows) {
                        Map<String, Long> counts = byOrganisation.computeIfAbsent((String) row[0], o -> new TreeMap<>());
                        long n = ((Number) row[3]).longValue();
                        counts.merge((String) row[1], n, Long::sum);
                        if (!((String) row[2]).isEmpty()) {
                            counts.merge((String) row[2], n, Long::sum);
                        }
                    }
                    return byOrganisation.entrySet().stream().map(e -> new OrganisationTotals(e.getKey(), e.getValue())).toList();
                });
    }

    /** One page of a job's records after record number {@code after}, in record order. */
    @WithSession
    public Uni<List<MigrationRecordEntity>> page(String id, long after) {
        return MigrationRecordEntity.<MigrationRecordEntity>find("jobId = ?1 and recordNo > ?2 order by recordNo", id, after)
                .page(0, PAGE).list();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
