package nl.inzage.audit.messaging;

import nl.inzage.audit.AuditRecord;

/** The result of reading one Kafka record: an entry to store, or the reason it goes to the DLQ. */
public sealed interface ReadOutcome {

    record Accepted(AuditRecord record) implements ReadOutcome {
    }

    record Rejected(Rejection rejection) implements ReadOutcome {
    }
}
