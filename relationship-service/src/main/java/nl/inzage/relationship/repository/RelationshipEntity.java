package nl.inzage.relationship.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The current state of one relationship: what search and locking work on. */
@Entity
@Table(name = "relationship")
public class RelationshipEntity extends PanacheEntityBase {

    @Id
    public String id;

    public int version;

    @Column(name = "patient_bsn")
    public String patientBsn;

    @Column(name = "organization_ura")
    public String organizationUra;

    @Column(name = "organization_type")
    public String organizationType;

    @Column(name = "practitioner_uzi")
    public String practitionerUzi;

    public String kind;

    public String status;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    public String reason;

    @Column(name = "last_updated")
    public OffsetDateTime lastUpdated;
}
