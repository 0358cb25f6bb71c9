package nl.inzage.contracts;

/**
 * Kafka topic names. The one list of topics with partitions and retention is
 * {@code deploy/local/topics.conf}; {@code TopicsTest} checks both agree.
 */
public final class Topics {

    /** Full state of a consent after each change; compacted, key = consent id. */
    public static final String CONSENT_EVENTS = "consent.events";
    /** Full state of a treatment relationship after each change; compacted, key = relationship id. */
    public static final String RELATIONSHIP_EVENTS = "relationship.events";
    /** Access decisions and data accesses from the gateway; key = event id. */
    public static final String AUDIT_EVENTS = "audit.events";
    public static final String AUDIT_EVENTS_DLQ = "audit.events.dlq";
    /** Emergency accesses (break-the-glass) granted by any gateway replica, read by all; key = grant id. */
    public static final String EMERGENCY_ACCESS = "access.emergency";

    /** Per source system: {@code consent.inbound.<URA>}; only that source may write it (broker ACLs). */
    public static final String CONSENT_INBOUND_PREFIX = "consent.inbound.";
    public static final String CONSENT_INBOUND_PATTERN = "consent\\.inbound\\.[0-9]{8}";
    public static final String CONSENT_INBOUND_RESULTS = "consent.inbound.results";
    public static final String CONSENT_INBOUND_DLQ = "consent.inbound.dlq";

    public static final String RELATIONSHIP_INBOUND_PREFIX = "relationship.inbound.";
    public static final String RELATIONSHIP_INBOUND_PATTERN = "relationship\\.inbound\\.[0-9]{8}";
    public static final String RELATIONSHIP_INBOUND_RESULTS = "relationship.inbound.results";
    public static final String RELATIONSHIP_INBOUND_DLQ = "relationship.inbound.dlq";

    private Topics() {
    }
}
