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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import org.jboss.logging.Logger;

/**
 * Runs migration jobs one at a time on a thread of its own (reading the file blocks): reads the
 * spooled file a record at a time, judges each, and commits them in batches. At start it resumes
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
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "consent-migration");
        thread.setDaemon(true);
        return thread;
    });
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
                List<Judged> batch = new ArrayList<>(config.batchSize());
                while (records.hasNext() && !stopping) {
                    MigrationRecord record = records.next();
                    if (record.number() <= job.recordsDone) {
                        continue;
                    }
                    batch.add(judge.judge(record));
                    if (batch.size() == config.batchSize()) {
                        commit(jobId, batch, in.count());
                        batch = new ArrayList<>(config.batchSize());
                    }
                }
                if (stopping) {
                    return;
                }
                commit(jobId, batch, in.count());
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

    private void commit(String jobId, List<Judged> batch, long bytesDone) {
        if (!batch.isEmpty()) {
            await(() -> batches.commit(jobId, batch, bytesDone));
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
