package nl.inzage.consent.mitz;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One message for Mitz, written with the change that caused it; delivered by {@link MitzRelay}. */
@Entity
@Table(name = "mitz_outbox")
public class MitzOutboxEntry extends PanacheEntityBase {

    @Id
    public Long id;

    public String kind;

    @Column(name = "dedup_key")
    public String dedupKey;

    public String payload;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "last_error")
    public String lastError;
}
