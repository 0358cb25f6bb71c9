package nl.inzage.relationship;

/**
 * A practitioner's access request as the gateway sent it, every field as text, not yet checked.
 * The gateway takes practitioner, organisation and its type from the practitioner's token.
 */
public record AccessRequest(String patient, String organization, String organizationType, String practitioner, String reason) {

    public static final String PATIENT = RelationshipRequest.PATIENT;
    public static final String ORGANIZATION = RelationshipRequest.ORGANIZATION;
    public static final String ORGANIZATION_TYPE = RelationshipRequest.ORGANIZATION_TYPE;
    public static final String PRACTITIONER = RelationshipRequest.PRACTITIONER;
    public static final String REASON = RelationshipRequest.REASON;
}
