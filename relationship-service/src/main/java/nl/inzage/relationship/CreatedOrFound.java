package nl.inzage.relationship;

/**
 * The answer to an access request: the access-request relationship in force for this client and
 * organisation, and whether this request created it or found it already there.
 */
public record AccessGranted(StoredRelationship relationship, boolean created) {
}
