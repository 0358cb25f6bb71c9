package nl.inzage.contracts;

/** What a consent says for one requester and data category, after the combination rules. */
public enum ConsentOutcome {
    /** An applicable permit won. */
    PERMIT,
    /** An applicable deny won (more specific, or deny at equal specificity). */
    DENY,
    /** The consent is active but no rule applies to this requester and category: not a permit. */
    NO_MATCHING_PERMIT,
    /** No consent, or one not yet decided (draft, proposed, entered-in-error): "no choice yet", not a permit. */
    NO_CHOICE,
    /** Withdrawn (status inactive). */
    WITHDRAWN,
    /** Refused (status rejected). */
    REFUSED
}
