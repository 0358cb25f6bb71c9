package nl.inzage.gateway.decision;

/** Why a decision came out as it did; the codes travel to the caller and into the audit log. */
public enum Reason {
    CONSENT_PERMIT("consent-permit"),
    NO_CONSENT("no-consent"),
    CONSENT_WITHDRAWN("consent-withdrawn"),
    CONSENT_REFUSED("consent-refused"),
    CONSENT_DENY("consent-deny"),
    CONSENT_NO_MATCHING_PERMIT("consent-no-matching-permit"),
    RELATIONSHIP("relationship"),
    NO_RELATIONSHIP("no-relationship"),
    /** An emergency access (break-the-glass) stood in for the relationship and, if any, the missing consent choice. */
    EMERGENCY_ACCESS("emergency-access"),
    ROLE_PERMITS_CATEGORY("role-permits-category"),
    ROLE_NOT_PERMITTED("role-not-permitted"),
    UNKNOWN_ROLE("unknown-role"),
    UNKNOWN_CATEGORY("unknown-category"),
    NOT_READY("not-ready"),
    STALE("stale"),
    AUDIT_UNAVAILABLE("audit-unavailable"),
    /** The client has no choice here, the data holder uses Mitz, and Mitz's closed question could not be answered: fail closed. */
    MITZ_UNAVAILABLE("mitz-unavailable"),
    /** Mitz was asked the closed question and did not permit. */
    MITZ_NO_PERMIT("mitz-no-permit");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
