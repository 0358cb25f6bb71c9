package nl.inzage.consent.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.service.ConsentService;
import org.jboss.logging.Logger;

/**
 * Runs migration jobs one at a time on a thread of its own (reading the file blocks): reads the
 * spooled file a record at a time and commits the records in batches; a batch is judged and its
 * Consents encoded on a few threads while the batch before it commits. At start it resumes
 * every job a stop or crash left queued or running; records already done are skipped.
 */
@ApplicationScoped
public class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private final MigrationJobs jobs;
    private final MigrationBatches batches;
    private final ConsentReader reader;
    private final ObjectMapper mapper;
    private final MigrationConfig config;
    private static final int JUDGES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(threads("consent-migration"));
    /** Judge and encode a batch's records in parallel (the CPU-heavy part), while the batch before commits. */
    private final ExecutorService judges = Executors.newFixedThreadPool(JUDGES, threads("consent-migration-judge"));
    /** Commits the batches one at a time, in file order, while the worker reads and judges the next. */
    private final ExecutorService committer = Executors.newSingleThreadExecutor(threads("consent-migration-commit"));
    private volatile boolean stopping;

    public MigrationRunner(MigrationJobs jobs, MigrationBatches batches, ConsentReader reader, ObjectMapper mapper, MigrationConfig config) {
        this.jobs = jobs;
        this.batches = batches;
        this.reader = reader;
        this.mapper = mapper;
        this.config = config;
    }

    void resumeUnfinished(@Observes StartupEvent event) {
        worker.submit(() -> {
            List<String> unfinished = await(jobs::unfinished);
            unfinished.forEach(this::submit);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdownNow();
        judges.shutdownNow();
        committer.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory threads(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        ClassLoader loader = MigrationRunner.class.getClassLoader();
        return task -> {
            int n = count.incrementAndGet();
            Thread thread = new Thread(task, n == 1 ? name : name + "-" + n);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    public void submit(String jobId) {
        worker.submit(() -> run(jobId));
    }

    /** Opens the file as its format says; a file that is not what it claims is refused with the reason. */
    public MigrationRecords open(String format, InputStream in) throws IOException {
        return MigrationJobs.CSV.equals(format) ? new CsvRecords(in) : new BundleRecords(in, mapper, reader);
    }

    private void run(String jobId) {
        try {
            MigrationJobEntity job = await(() -> jobs.start(jobId));
            if (job == null) {
                return;
            }
            LOG.infof("migration %s: %s from record %d", jobId, job.dryRun ? "dry run" : "import", job.recordsDone + 1);
            RecordJudge judge = new RecordJudge(new MigrationValidator(config.rules()), reader, job.register, job.requesterUra,
                    LocalDate.now(NETHERLANDS));
            try (CountingStream in = new CountingStream(Files.newInputStream(Path.of(job.spoolPath)));
                    MigrationRecords records = open(job.fileFormat, new BufferedInputStream(in, 1 << 16))) {
                List<MigrationRecord> batch = new ArrayList<>(config.batchSize());
                Future<?> inFlight = null;
                while (records.hasNext() && !stopping) {
                    MigrationRecord record = records.next();
                    if (record.number() <= job.recordsDone) {
                        continue;
                    }
                    batch.add(record);
                    if (batch.size() == config.batchSize()) {
                        inFlight = commit(job, judge, batch, in.count(), inFlight);
                        batch = new ArrayList<>(config.batchSize());
                    }
                }
                if (stopping) {
                    return;
                }
                waitFor(commit(job, judge, batch, in.count(), inFlight));
            }
            await(() -> jobs.finish(jobId));
            Files.deleteIfExists(Path.of(job.spoolPath));
            LOG.infof("migration %s: finished", jobId);
        } catch (Throwable failure) {
            if (stopping) {
                // Left running: the next start resumes it.
                return;
            }
            String reason = reason(failure);
            LOG.warnf("migration %s: failed, resumable: %s", jobId, reason);
            try {
                await(() -> jobs.fail(jobId, reason));
            } catch (RuntimeException e) {
                LOG.warnf("migration %s: the failure could not be recorded (%s); it resumes at the next start", jobId, e.getMessage());
            }
        }
    }

    /**
     * Judges this batch's records and encodes the Consents to import (in parallel, while the
     * batch before is committing), waits for the batch before, then hands this one to the
     * committer: batches commit one at a time and in file order, so {@code records_done} still
     * names exactly the records done. A failed commit stops the job here, at the next batch.
     */
    private Future<?> commit(MigrationJobEntity job, RecordJudge judge, List<MigrationRecord> records, long bytesDone,
            Future<?> previous) throws Exception {
        Prepared batch = prepare(job, judge, records);
        waitFor(previous);
        if (batch.judged().isEmpty()) {
            return null;
        }
        return committer.submit(() -> await(() -> batches.commit(job.id, batch.judged(), batch.consents(), bytesDone)));
    }

    private record Prepared(List<Judged> judged, Map<Long, ConsentService.Migrated> consents) {
    }

    private Prepared prepare(MigrationJobEntity job, RecordJudge judge, List<MigrationRecord> records) throws Exception {
        if (records.isEmpty()) {
            return new Prepared(List.of(), Map.of());
        }
        int size = Math.max(16, (records.size() + JUDGES - 1) / JUDGES);
        List<Future<Prepared>> parts = new ArrayList<>();
        for (int from = 0; from < records.size(); from += size) {
            List<MigrationRecord> part = records.subList(from, Math.min(records.size(), from + size));
            parts.add(judges.submit(() -> {
                List<Judged> judged = part.stream().map(judge::judge).toList();
                return new Prepared(judged, batches.prepare(job, judged));
            }));
        }
        List<Judged> judged = new ArrayList<>(records.size());
        Map<Long, ConsentService.Migrated> consents = new HashMap<>();
        for (Future<Prepared> part : parts) {
            Prepared done = result(part);
            judged.addAll(done.judged());
            consents.putAll(done.consents());
        }
        return new Prepared(judged, consents);
    }

    private static void waitFor(Future<?> commit) throws Exception {
        if (commit != null) {
            result(commit);
        }
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Why the job stopped, for the status resource: never a record's content. */
    private static String reason(Throwable failure) {
        if (failure instanceof UnreadableFile || failure instanceof FhirProblem) {
            return failure.getMessage();
        }
        if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            return "the file could not be read further: " + failure.getClass().getSimpleName();
        }
        return "the job stopped (" + failure.getClass().getSimpleName() + "); resume it with POST /migrations/{id}/resume";
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    /** How far into the file the reader is, for the time-left estimate. */
    static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
