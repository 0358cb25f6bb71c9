package nl.inzage.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import nl.inzage.contracts.ProjectionDigest;

/**
 * What a store held at a revision, as a {@link ProjectionDigest}: the same digest the gateway
 * takes of its projection, so the two can be compared (reconciliation). One repeatable-read
 * snapshot: the store revision and the rows are read as of one moment, and since revisions are
 * committed in order, every version up to the store revision is in that snapshot. Rows are streamed
 * with a cursor, so a store of millions of entries is digested in bounded memory.
 */
@ApplicationScoped
public class StoreDigest {

    /** The digest at {@code revision}, the store's revision then and its entries. */
    public record Digested(long revision, long storeRevision, long entries, String digest) {
    }

    /** Asked for a revision the store has not reached. */
    public static class NotReached extends RuntimeException {
        public NotReached(long asked, long current) {
            super("the store is at revision " + current + ", not yet at " + asked);
        }
    }

    /** A revision that is not one: not ASCII digits, or more than 18 of them. */
    public static class NotARevision extends RuntimeException {
        public NotARevision() {
            super("revision must be a store revision: digits only.");
        }
    }

    private static final int FETCH = 2000;

    private final Pool pool;

    public StoreDigest(Pool pool) {
        this.pool = pool;
    }

    /** A revision as a caller writes it in a query; absent or empty: -1 (the current one). */
    public static long revision(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw new NotARevision();
        }
        return Long.parseLong(text);
    }

    /**
     * @param revision the revision to digest at (0: the empty store); less than 0: the store's current revision
     * @param sql      the entries at revision {@code $1}, one row each
     * @param add      adds one row's entry to the digest
     */
    public Uni<Digested> at(long revision, String sql, BiConsumer<Row, ProjectionDigest> add) {
        return pool.withTransaction(connection -> connection
                .query("set transaction isolation level repeatable read, read only").execute()
                .chain(() -> connection.query("select value from store_revision where id = 1").execute())
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(current -> {
                    if (revision > current) {
                        return Uni.createFrom().failure(new NotReached(revision, current));
                    }
                    long at = revision >= 0 ? revision : current;
                    return connection.prepare(sql)
                            .onItem().transformToMulti(statement -> statement.createStream(FETCH, Tuple.of(at)).toMulti())
                            .collect().in(ProjectionDigest::new, (digest, row) -> add.accept(row, digest))
                            .map(digest -> new Digested(at, current, digest.entries(), digest.value()));
                }));
    }
}
