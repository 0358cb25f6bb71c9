package nl.inzage.audit.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The replay of one access decision.
 *
 * @param consentInForce  the consent version in force at the data holder then, or null (no choice yet)
 * @param consentOutcome  {@code permit}, {@code deny}, {@code no-matching-permit}, {@code no-choice},
 *                        {@code withdrawn} or {@code refused}
 * @param relationships   the requester organisation's relationship versions in force then
 * @param decisionWasRight the logged decision equals the one the rules give under those versions
 */
public record Explanation(
        Instant at,
        LocalDate day,
        ConsentVersion consentInForce,
        String consentOutcome,
        List<RelationshipVersion> relationships,
        boolean relationshipActive,
        RoleCheck role,
        String decision,
        String expectedDecision,
        boolean decisionWasRight) {
}
