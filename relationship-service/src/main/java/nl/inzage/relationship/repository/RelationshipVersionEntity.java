package nl.inzage.relationship.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One stored version of a relationship, never changed or deleted once written. */
@Entity
@Table(name = "relationship_version")
public class RelationshipVersionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "relationship_id")
    public String relationshipId;

    public int version;

    public long revision;

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

    @Column(name = "actor_type")
    public String actorType;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_organization")
    public String actorOrganization;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
