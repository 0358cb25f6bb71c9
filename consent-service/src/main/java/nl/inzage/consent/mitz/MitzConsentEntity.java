package nl.inzage.consent.mitz;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Which register consent replicates a Mitz consent, and the Mitz time of the version stored. */
@Entity
@Table(name = "mitz_consent")
public class MitzConsentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "mitz_id")
    public String mitzId;

    @Column(name = "consent_id")
    public String consentId;

    @Column(name = "mitz_time")
    public OffsetDateTime mitzTime;
}
