package nl.inzage.audit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nl.inzage.audit.chain.ChainHasher;

/** The {@code audit_checkpoint} table (insert-only) and the chain head it signs. */
@ApplicationScoped
public class CheckpointRepository {

    private final Pool pool;

    public CheckpointRepository(Pool pool) {
        this.pool = pool;
    }

    /** The newest chained record's seq and hash, if any. */
    public Uni<Optional<AuditRecordRepository.Anchor>> head() {
        return pool.query("select seq, hash from audit_record where hash is not null order by seq desc limit 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new AuditRecordRepository.Anchor(row.getLong("seq"), row.getBuffer("hash").getBytes())));
    }

    /** The hash stored now for the record at {@code seq}, if it is still there. */
    public Uni<Optional<byte[]>> hashAt(long seq) {
        return pool.preparedQuery("select hash from audit_record where seq = $1").execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getBuffer("hash") == null
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getBuffer("hash").getBytes()));
    }

    public Uni<Checkpoint> insert(Checkpoint c) {
        return pool.preparedQuery("""
                        insert into audit_checkpoint (created_at, head_seq, head_hash, key_id, algorithm, signature)
                        values ($1, $2, $3, $4, $5, $6) returning id""")
                .execute(Tuple.from(List.of(OffsetDateTime.ofInstant(ChainHasher.stored(c.createdAt()), ZoneOffset.UTC),
                        c.headSeq(), Buffer.buffer(c.headHash()), c.keyId(), c.algorithm(), Buffer.buffer(c.signature()))))
                .map(rows -> new Checkpoint(rows.iterator().next().getLong("id"), c.createdAt(), c.headSeq(), c.headHash(),
                        c.keyId(), c.algorithm(), c.signature()));
    }

    /** Newest first. */
    public Uni<List<Checkpoint>> latest(int limit) {
        return pool.preparedQuery("select * from audit_checkpoint order by id desc limit $1").execute(Tuple.of(limit))
                .map(rows -> rows.stream().map(CheckpointRepository::fromRow).toList());
    }

    private static Checkpoint fromRow(Row row) {
        return new Checkpoint(row.getLong("id"), row.getOffsetDateTime("created_at").toInstant(), row.getLong("head_seq"),
                row.getBuffer("head_hash").getBytes(), row.getString("key_id"), row.getString("algorithm"),
                row.getBuffer("signature").getBytes());
    }

    public record Checkpoint(Long id, Instant createdAt, long headSeq, byte[] headHash, String keyId, String algorithm,
            byte[] signature) {
    }
}
