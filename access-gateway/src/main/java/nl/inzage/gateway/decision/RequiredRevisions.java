package nl.inzage.gateway.decision;

/**
 * The revisions a caller has seen from consent- and relationship-service writes: the decision
 * must be made on projections that have reached them (0 = no requirement).
 */
public record RequiredRevisions(long consent, long relationship) {

    public static final RequiredRevisions NONE = new RequiredRevisions(0, 0);
}
