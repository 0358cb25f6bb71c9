package nl.inzage.gateway.decision;

/**
 * What one rule said about a request, and on what basis (which consent rule, which relationship,
 * which emergency access), so the caller and the audit log can see why.
 *
 * @param rule  {@code consent}, {@code relationship}, {@code role} or {@code gateway} (fail-closed states)
 * @param basis human-readable basis, never a BSN
 */
public record Finding(String rule, Reason reason, String basis) {

    public static final String CONSENT = "consent";
    public static final String RELATIONSHIP = "relationship";
    public static final String ROLE = "role";
    public static final String GATEWAY = "gateway";
}
