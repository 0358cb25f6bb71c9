package nl.inzage.audit;

import java.time.Instant;

/** An entry read back from the log: its place in the log and when it was recorded, with the entry. */
public record StoredAuditRecord(long seq, Instant recordedAt, AuditRecord record) {
}
