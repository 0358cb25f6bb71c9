package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One migration: the file, who asked, how far it got and what it found so far. */
@Entity
@Table(name = "migration_job")
public class MigrationJobEntity extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";

    @Id
    public String id;
    @Column(name = "dry_run")
    public boolean dryRun;
    public String register;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "file_sha256")
    public String fileSha256;
    @Column(name = "file_format")
    public String fileFormat;
    @Column(name = "file_bytes")
    public long fileBytes;
    @Column(name = "spool_path")
    public String spoolPath;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requester_role")
    public String requesterRole;
    @Column(name = "requester_ura")
    public String requesterUra;
    public String state;
    @Column(name = "records_done")
    public long recordsDone;
    @Column(name = "bytes_done")
    public long bytesDone;
    @Column(name = "resumed_from")
    public long resumedFrom;
    public long valid;
    public long incomplete;
    public long invalid;
    @Column(name = "not_migratable")
    public long notMigratable;
    public long imported;
    @Column(name = "already_imported")
    public long alreadyImported;
    @Column(name = "register_has_consent")
    public long registerHasConsent;
    public String error;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    void count(Verdict.Result result) {
        switch (result) {
            case VALID -> valid++;
            case INCOMPLETE -> incomplete++;
            case INVALID -> invalid++;
            case NOT_MIGRATABLE -> notMigratable++;
        }
    }

    void count(String outcome) {
        switch (outcome) {
            case MigrationRecordEntity.IMPORTED -> imported++;
            case MigrationRecordEntity.ALREADY_IMPORTED -> alreadyImported++;
            case MigrationRecordEntity.REGISTER_HAS_CONSENT -> registerHasConsent++;
            default -> {
                // would-import: a dry run's valid records, counted as valid
            }
        }
    }
}
