package nl.inzage.consent.migration;

import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import nl.inzage.consent.FhirProblem;

/**
 * Takes an uploaded file in: spools it to disk (it can be far larger than memory), hashed on the
 * way, checks it is what its Content-Type says, records the job and starts it.
 */
@ApplicationScoped
public class MigrationUploads {

    private final MigrationJobs jobs;
    private final MigrationRunner runner;
    private final MigrationConfig config;

    public MigrationUploads(MigrationJobs jobs, MigrationRunner runner, MigrationConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
    }

    /** Blocks (call from a worker thread): the job as created, already submitted to the runner. */
    public MigrationJobEntity accept(MigrationJobEntity job, InputStream body) {
        Path file = spool(job, body);
        try (InputStream in = Files.newInputStream(file); MigrationRecords ignored = runner.open(job.fileFormat, in)) {
            // Opening reads the CSV header or the Bundle up to its first entry: a wrong file is refused now, not later.
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        MigrationJobEntity created;
        try {
            created = VertxContextSupport.subscribeAndAwait(() -> jobs.create(job));
        } catch (Throwable e) {
            delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        runner.submit(created.id);
        return created;
    }

    /** Owner-only: the file holds BSNs. */
    private Path spool(MigrationJobEntity job, InputStream body) {
        try {
            Path dir = config.spoolDir();
            Files.createDirectories(dir);
            Path file = dir.resolve(job.id + ".upload");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(body, sha256); OutputStream out = Files.newOutputStream(file)) {
                job.fileBytes = in.transferTo(out);
            }
            if (job.fileBytes == 0) {
                delete(file);
                throw FhirProblem.invalid("The body is empty: send the file as text/csv or as a FHIR Bundle (application/fhir+json).");
            }
            job.fileSha256 = HexFormat.of().formatHex(sha256.digest());
            job.spoolPath = file.toAbsolutePath().toString();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more to do: the spool directory is the operator's to clean.
        }
    }
}
