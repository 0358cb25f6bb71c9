package nl.inzage.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The current state of one consent: what search and locking work on. */
@Entity
@Table(name = "consent")
public class ConsentEntity extends PanacheEntityBase {

    @Id
    public String id;

    public int version;

    public String status;

    @Column(name = "patient_bsn")
    public String patientBsn;

    @Column(name = "custodian_ura")
    public String custodianUra;

    @Column(name = "last_updated")
    public OffsetDateTime lastUpdated;
}
