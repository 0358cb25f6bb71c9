package nl.inzage.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped PostgreSQL advisory locks on a key: writers of the same key take turns until
 * commit (conditional creates, access requests). {@code lockClass} keeps one kind of lock apart from another.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for, then holds until the current transaction ends, the lock of {@code key} in {@code lockClass}. */
    public static Uni<Void> hold(int lockClass, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, hashtext(?2))) locked", Long.class)
                .setParameter(1, lockClass)
                .setParameter(2, key)
                .getSingleResult())
                .replaceWithVoid();
    }
}
