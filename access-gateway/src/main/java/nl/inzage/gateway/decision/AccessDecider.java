package nl.inzage.gateway.decision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nl.inzage.contracts.ConsentOutcome;
import nl.inzage.contracts.ConsentRules;

/**
 * The decision: a pure function of the request, the client's consent at the data holder, her
 * relationships, the role matrix and the day. Permit only when all three rules hold: consent
 * permits, the practitioner's organisation has an active relationship, and the role may see the
 * category. Every failing rule is named.
 */
public final class AccessDecider {

    private final RoleCategoryMatrix matrix;

    public AccessDecider(RoleCategoryMatrix matrix) {
        this.matrix = matrix;
    }

    public Decision decide(AccessRequest request, ConsentState consent, Collection<RelationshipState> relationships, LocalDate today) {
        List<Reason> reasons = new ArrayList<>(3);
        List<String> consentIds = consent == null ? List.of() : List.of(consent.versionedId());
        List<String> relationshipIds = new ArrayList<>(1);

        Reason consentReason = reason(consent == null
                ? ConsentOutcome.NO_CHOICE
                : ConsentRules.evaluate(consent.status(), consent.rules(), request.organizationUra(),
                        request.organizationType(), request.dataCategory()));
        reasons.add(consentReason);

        for (RelationshipState relationship : relationships) {
            if (relationship.organization().equals(request.organizationUra()) && relationship.activeOn(today)) {
                relationshipIds.add(relationship.versionedId());
                break;
            }
        }
        reasons.add(relationshipIds.isEmpty() ? Reason.NO_RELATIONSHIP : Reason.RELATIONSHIP);

        Reason roleReason = matrix.evaluate(request.role(), request.dataCategory());
        reasons.add(roleReason);

        boolean permit = consentReason == Reason.CONSENT_PERMIT
                && !relationshipIds.isEmpty()
                && roleReason == Reason.ROLE_PERMITS_CATEGORY;
        return new Decision(permit, List.copyOf(reasons), consentIds, List.copyOf(relationshipIds));
    }

    private static Reason reason(ConsentOutcome outcome) {
        return switch (outcome) {
            case PERMIT -> Reason.CONSENT_PERMIT;
            case DENY -> Reason.CONSENT_DENY;
            case NO_MATCHING_PERMIT -> Reason.CONSENT_NO_MATCHING_PERMIT;
            case NO_CHOICE -> Reason.NO_CONSENT;
            case WITHDRAWN -> Reason.CONSENT_WITHDRAWN;
            case REFUSED -> Reason.CONSENT_REFUSED;
        };
    }
}
