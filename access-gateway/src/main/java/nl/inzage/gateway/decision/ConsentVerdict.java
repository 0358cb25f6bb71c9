package nl.inzage.gateway.decision;

import java.util.List;
import nl.inzage.contracts.ConsentRule;

/**
 * Combines a consent's rules for one requester and category, as the national Generic Function
 * Consent does: a more specific rule beats a less specific one (organisation over organisation
 * type or provider category over the whole network; at equal actor level a rule naming data
 * categories over one that does not), and at equal specificity deny beats permit. No applicable
 * rule is no permit.
 */
public final class ConsentVerdict {

    private ConsentVerdict() {
    }

    public static Reason evaluate(ConsentState consent, String organization, String organizationType, String category) {
        if (consent == null) {
            return Reason.NO_CONSENT;
        }
        switch (consent.status()) {
            case "active":
                break;
            case "inactive":
                return Reason.CONSENT_WITHDRAWN;
            case "rejected":
                return Reason.CONSENT_REFUSED;
            default:
                // draft, proposed, entered-in-error: no choice has been made
                return Reason.NO_CONSENT;
        }
        int best = -1;
        boolean deny = false;
        for (ConsentRule rule : consent.rules()) {
            if (!applies(rule, organization, organizationType, category)) {
                continue;
            }
            int specificity = specificity(rule);
            if (specificity > best) {
                best = specificity;
                deny = ConsentRule.DENY.equals(rule.effect());
            } else if (specificity == best && ConsentRule.DENY.equals(rule.effect())) {
                deny = true;
            }
        }
        if (best < 0) {
            return Reason.CONSENT_NO_MATCHING_PERMIT;
        }
        return deny ? Reason.CONSENT_DENY : Reason.CONSENT_PERMIT;
    }

    private static boolean applies(ConsentRule rule, String organization, String organizationType, String category) {
        return (rule.organization() == null || rule.organization().equals(organization))
                && (rule.organizationType() == null || rule.organizationType().equals(organizationType))
                // Provider categories come with Mitz; until the gateway maps requesters onto them, such a rule never matches.
                && rule.providerCategory() == null
                && (isEmpty(rule.dataCategories()) || rule.dataCategories().contains(category));
    }

    private static int specificity(ConsentRule rule) {
        int actor = rule.organization() != null ? 2 : rule.organizationType() != null || rule.providerCategory() != null ? 1 : 0;
        return actor * 2 + (isEmpty(rule.dataCategories()) ? 0 : 1);
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
