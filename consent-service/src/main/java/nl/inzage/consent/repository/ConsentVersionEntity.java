package nl.inzage.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One stored version of a consent, never changed or deleted once written. */
@Entity
@Table(name = "consent_version")
public class ConsentVersionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "consent_id")
    public String consentId;

    public int version;

    public long revision;

    public String status;

    public String origin;

    @Column(name = "actor_type")
    public String actorType;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_organization")
    public String actorOrganization;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    /** The FHIR R4 Consent JSON of this version, with id and meta set. */
    public String resource;
}
