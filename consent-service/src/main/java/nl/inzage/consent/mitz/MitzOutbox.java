package nl.inzage.consent.mitz;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends a message for Mitz inside the caller's transaction: it commits with the change that
 * caused it or not at all. A message whose dedup key is already there is not added again (one
 * subscription per client and data holder, one usage record per audit record).
 */
@ApplicationScoped
public class MitzOutbox {

    /** True when the message was added, false when one with this key was already there. */
    public Uni<Boolean> append(MitzClient.Kind kind, String dedupKey, String payload) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into mitz_outbox (kind, dedup_key, payload, created_at, next_attempt_at) values (?1, ?2, ?3, ?4, ?4)"
                                + " on conflict (dedup_key) do nothing")
                .setParameter(1, kind.name())
                .setParameter(2, dedupKey)
                .setParameter(3, payload)
                .setParameter(4, now)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }
}
