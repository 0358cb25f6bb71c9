package nl.inzage.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The store-wide revision: one counter row, incremented inside the writing transaction. The row
 * lock it takes serialises writers until commit, so revisions are gap-free and committed in
 * order. A reader that has seen revision r has therefore seen every change up to r — which is
 * what lets the gateway promise "a decision at least as fresh as your write".
 */
@ApplicationScoped
public class StoreRevision {

    public Uni<Long> next() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update store_revision set value = value + 1 where id = 1 returning value", Long.class)
                .getSingleResult());
    }

    /**
     * The last of {@code count} consecutive new revisions ({@code last - count + 1} to {@code last}),
     * taken with one statement under the same row lock: for a transaction that writes many changes.
     */
    public Uni<Long> next(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update store_revision set value = value + ?1 where id = 1 returning value", Long.class)
                .setParameter(1, (long) count)
                .getSingleResult());
    }

    public Uni<Long> current() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select value from store_revision where id = 1", Long.class)
                .getSingleResult());
    }
}
