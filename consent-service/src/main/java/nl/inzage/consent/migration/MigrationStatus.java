package nl.inzage.consent.migration;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What {@code GET /migrations/{id}} answers: how far the job is, how fast it goes, how long it
 * still needs, and what it found so far. Time left is estimated from the part of the file read.
 */
public record MigrationStatus(String id, boolean dryRun, String state, String register, String fileName, String fileFormat,
        String fileSha256, long recordsDone, Integer percentDone, Double ratePerSecond, Long secondsLeft, Totals totals,
        String error, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, String report) {

    /**
     * @param wouldImport a dry run's valid records that a real run would import now
     */
    public record Totals(long valid, long incomplete, long invalid, long scopeNotMigratable, long imported, long wouldImport,
            long alreadyImported, long registerHasConsent) {
    }

    public static MigrationStatus of(MigrationJobEntity job) {
        boolean finished = MigrationJobEntity.FINISHED.equals(job.state);
        OffsetDateTime until = finished ? job.finishedAt : OffsetDateTime.now(ZoneOffset.UTC);
        Double rate = null;
        if (job.startedAt != null) {
            double seconds = Math.max(Duration.between(job.startedAt, until).toMillis(), 1) / 1000.0;
            rate = Math.round((job.recordsDone - job.resumedFrom) / seconds * 10) / 10.0;
        }
        Integer percent = finished ? Integer.valueOf(100) : job.fileBytes == 0 ? null : (int) (job.bytesDone * 100 / job.fileBytes);
        Long left = null;
        if (finished) {
            left = 0L;
        } else if (job.bytesDone > 0 && rate != null && rate > 0) {
            double total = (double) job.recordsDone * job.fileBytes / job.bytesDone;
            left = Math.round(Math.max(0, total - job.recordsDone) / rate);
        }
        long wouldImport = job.dryRun ? job.valid - job.alreadyImported - job.registerHasConsent : 0;
        Totals totals = new Totals(job.valid, job.incomplete, job.invalid, job.notMigratable, job.imported, wouldImport,
                job.alreadyImported, job.registerHasConsent);
        return new MigrationStatus(job.id, job.dryRun, job.state, job.register, job.fileName, job.fileFormat, job.fileSha256,
                job.recordsDone, percent, rate, left, totals, job.error, job.createdAt, job.startedAt, job.finishedAt,
                "/migrations/" + job.id + "/report");
    }
}
