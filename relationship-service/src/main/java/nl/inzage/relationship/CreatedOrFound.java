package nl.inzage.relationship;

/**
 * The answer to a write that creates at most once (an access request, a conditional registration):
 * the relationship, and whether this request created it or found it already there.
 */
public record CreatedOrFound(StoredRelationship relationship, boolean created) {
}
