package nl.inzage.consent.migration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** The result of one record of a job: a line of its report, and for an imported record its consent. */
@Entity
@Table(name = "migration_record")
@IdClass(MigrationRecordEntity.Key.class)
public class MigrationRecordEntity extends PanacheEntityBase {

    public static final String IMPORTED = "imported";
    public static final String WOULD_IMPORT = "would-import";
    public static final String ALREADY_IMPORTED = "already-imported";
    public static final String REGISTER_HAS_CONSENT = "register-has-consent";

    public static class Key implements Serializable {

        public String jobId;
        public long recordNo;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(jobId, key.jobId) && recordNo == key.recordNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, recordNo);
        }
    }

    @Id
    @Column(name = "job_id")
    public String jobId;
    @Id
    @Column(name = "record_no")
    public long recordNo;
    /** The data holder's URA when the record names a well-formed one; never anything else from the record. */
    public String organisation;
    public String result;
    /** For a valid record: imported, would-import (dry run), already-imported or register-has-consent. */
    public String outcome;
    public String detail;
    @Column(name = "record_key")
    public String recordKey;
    @Column(name = "consent_id")
    public String consentId;
}
