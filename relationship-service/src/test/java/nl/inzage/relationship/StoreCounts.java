package nl.inzage.relationship;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** What the register holds, read straight from the database: a refused request must change none of it. */
public record StoreCounts(long revision, long relationships, long versions, long outboxEvents) {

    public static StoreCounts of(Pool pool) {
        Row row = pool.query("""
                select (select value from store_revision) as revision,
                       (select count(*) from relationship) as relationships,
                       (select count(*) from relationship_version) as versions,
                       (select count(*) from outbox_event) as outbox_events
                """).execute().await().indefinitely().iterator().next();
        return new StoreCounts(row.getLong("revision"), row.getLong("relationships"), row.getLong("versions"),
                row.getLong("outbox_events"));
    }
}
