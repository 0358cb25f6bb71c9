package nl.inzage.audit.chain;

import nl.inzage.audit.StoredAuditRecord;

/** A stored record with its link in the chain, as read back for verification. */
public record ChainedRecord(StoredAuditRecord stored, byte[] prevHash, byte[] hash) {
}
