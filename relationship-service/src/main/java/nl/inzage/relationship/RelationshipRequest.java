package nl.inzage.relationship;

/**
 * A registration as the source system sent it: every field as the text it was, not yet checked.
 * {@link RelationshipRules} turns it into {@link RelationshipFacts} or refuses it.
 */
public record RelationshipRequest(String patient, String organization, String organizationType, String practitioner,
        String kind, String start, String end, String reason) {

    public static final String PATIENT = "patient";
    public static final String ORGANIZATION = "organization";
    public static final String ORGANIZATION_TYPE = "organizationType";
    public static final String PRACTITIONER = "practitioner";
    public static final String KIND = "kind";
    public static final String START = "start";
    public static final String END = "end";
    public static final String REASON = "reason";
}
