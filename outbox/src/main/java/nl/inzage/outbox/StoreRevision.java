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

    public Uni<Long> current() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select value from store_revision where id = 1", Long.class)
                .getSingleResult());
    }
}
