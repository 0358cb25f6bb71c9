package nl.inzage.contracts;

/** Values of the {@code ce_type} header, one per payload record. */
public final class EventTypes {

    public static final String CONSENT_CHANGED = "nl.inzage.consent.changed.v1";
    public static final String RELATIONSHIP_CHANGED = "nl.inzage.relationship.changed.v1";
    public static final String ACCESS_DECIDED = "nl.inzage.access.decided.v1";
    public static final String EMERGENCY_ACCESS_GRANTED = "nl.inzage.access.emergency-granted.v1";
    /** The answer to one record on a {@code consent.inbound.<URA>} topic, on {@link Topics#CONSENT_INBOUND_RESULTS}. */
    public static final String CONSENT_INBOUND_RESULT = "nl.inzage.consent.inbound.result.v1";
    /** The answer to one record on a {@code relationship.inbound.<URA>} topic, on {@link Topics#RELATIONSHIP_INBOUND_RESULTS}. */
    public static final String RELATIONSHIP_INBOUND_RESULT = "nl.inzage.relationship.inbound.result.v1";

    private EventTypes() {
    }
}
