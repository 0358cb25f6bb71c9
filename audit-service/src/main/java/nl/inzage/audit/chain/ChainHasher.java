package nl.inzage.audit.chain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import nl.inzage.audit.AuditRecord;

/**
 * The hash of one log record: SHA-256 over the previous record's hash (32 bytes) followed by the
 * record's canonical form. The canonical form is a JSON array of a version tag and the stored
 * columns in a fixed order (nulls as null, times as ISO-8601 UTC with at most microseconds, as
 * PostgreSQL keeps them); JSON string escaping makes it unambiguous. Anyone can recompute it from
 * the table alone.
 */
public final class ChainHasher {

    /** The previous hash of the very first record of a chain. */
    public static final byte[] GENESIS = new byte[32];
    static final String VERSION = "inzage-audit-chain-v1";

    private static final JsonFactory JSON = new JsonFactory();

    private ChainHasher() {
    }

    public static byte[] hash(byte[] previous, AuditRecord record, Instant recordedAt) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(canonical(record, recordedAt));
        return sha256.digest();
    }

    /** PostgreSQL stores microseconds: the value hashed is the value stored. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] canonical(AuditRecord r, Instant recordedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + r.payload().length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(VERSION);
            g.writeString(r.eventId());
            g.writeString(r.eventType());
            g.writeString(stored(r.occurredAt()).toString());
            g.writeString(stored(recordedAt).toString());
            g.writeString(r.patientBsn());
            g.writeString(r.practitionerUzi());
            g.writeString(r.practitionerRole());
            g.writeString(r.organizationUra());
            g.writeString(r.dataHolderUra());
            g.writeString(r.decision());
            g.writeBoolean(r.emergency());
            g.writeString(r.payload());
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
