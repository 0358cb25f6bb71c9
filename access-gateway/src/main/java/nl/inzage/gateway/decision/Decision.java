package nl.inzage.gateway.decision;

import java.util.List;

/**
 * The answer with its reasons and the versions it rests on.
 *
 * @param findings        one per rule, in the order consent, relationship, role
 * @param consentIds      consent versions used ({@code id/_history/v})
 * @param relationshipIds relationship versions used
 * @param emergency       whether an emergency access replaced a rule
 * @param revisions       the projection revisions the decision was made at (null until the service sets them)
 */
public record Decision(boolean permit, List<Finding> findings, List<String> consentIds, List<String> relationshipIds,
        boolean emergency, Revisions revisions) {

    /** The store revisions the consent and relationship projections had applied. */
    public record Revisions(long consent, long relationship) {
    }

    public static Decision deny(Reason reason, String basis) {
        return new Decision(false, List.of(new Finding(Finding.GATEWAY, reason, basis)), List.of(), List.of(), false, null);
    }

    public Decision at(Revisions projectionRevisions) {
        return new Decision(permit, findings, consentIds, relationshipIds, emergency, projectionRevisions);
    }

    /**
     * This decision when its audit record could not be queued or was not acknowledged: never a permit. The findings stay,
     * so the caller still sees what the rules said.
     */
    public Decision unaudited(String why) {
        List<Finding> withAudit = new java.util.ArrayList<>(findings);
        withAudit.add(new Finding(Finding.GATEWAY, Reason.AUDIT_UNAVAILABLE, why));
        return new Decision(false, List.copyOf(withAudit), consentIds, relationshipIds, emergency, revisions);
    }

    /** This decision, still a deny, with one more gateway finding (e.g. what Mitz answered). */
    public Decision withFinding(Reason reason, String basis) {
        List<Finding> more = new java.util.ArrayList<>(findings);
        more.add(new Finding(Finding.GATEWAY, reason, basis));
        return new Decision(false, List.copyOf(more), consentIds, relationshipIds, emergency, revisions);
    }

    public List<Reason> reasons() {
        return findings.stream().map(Finding::reason).toList();
    }

    public List<String> reasonCodes() {
        return findings.stream().map(finding -> finding.reason().code()).toList();
    }
}
