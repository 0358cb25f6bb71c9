package nl.inzage.gateway.rest;

import java.util.Map;
import nl.inzage.gateway.decision.RequiredRevisions;

/**
 * Reads the revisions a caller requires, from the AuthZEN context ({@code consent_revision},
 * {@code relationship_revision}) or the headers {@code X-Consent-Revision} and
 * {@code X-Relationship-Revision}; the body wins over a header.
 */
public final class RevisionHeaders {

    public static final String CONSENT = "X-Consent-Revision";
    public static final String RELATIONSHIP = "X-Relationship-Revision";

    private RevisionHeaders() {
    }

    public static RequiredRevisions read(Map<String, Object> context, String consentHeader, String relationshipHeader) {
        Map<String, Object> values = context == null ? Map.of() : context;
        return new RequiredRevisions(
                revision(values.get("consent_revision"), consentHeader, "context.consent_revision or " + CONSENT),
                revision(values.get("relationship_revision"), relationshipHeader, "context.relationship_revision or " + RELATIONSHIP));
    }

    public static RequiredRevisions read(String consentHeader, String relationshipHeader) {
        return read(null, consentHeader, relationshipHeader);
    }

    private static long revision(Object fromBody, String fromHeader, String name) {
        if (fromBody != null) {
            if (fromBody instanceof Number number && number.longValue() >= 0 && number.doubleValue() == number.longValue()) {
                return number.longValue();
            }
            throw ProblemException.badRequest(name + " must be a non-negative whole number.");
        }
        if (fromHeader == null || fromHeader.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(fromHeader.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest(name + " must be a non-negative whole number.");
    }
}
