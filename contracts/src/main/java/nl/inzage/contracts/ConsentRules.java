package nl.inzage.contracts;

import java.util.List;

/**
 * How a consent's {@link ConsentRule}s combine for one requester and data category: the meaning
 * of the rules every consumer of {@link ConsentChanged} must share, as in the national Generic
 * Function Consent. A more specific rule beats a less specific one (organisation over
 * organisation type or provider category over the whole network; at equal actor level a rule
 * naming data categories over one that does not), and at equal specificity deny beats permit.
 * No applicable rule is no permit; no consent is no choice yet, also no permit.
 */
public final class ConsentRules {

    private ConsentRules() {
    }

    /**
     * The outcome and the rule that decided it, so a decision can name its basis.
     *
     * @param rule the winning rule for {@link ConsentOutcome#PERMIT} and {@link ConsentOutcome#DENY}, else null
     */
    public record Verdict(ConsentOutcome outcome, ConsentRule rule) {
    }

    /**
     * @param status null when the client has no consent at this data holder
     */
    public static ConsentOutcome evaluate(String status, List<ConsentRule> rules, String organization,
            String organizationType, String category) {
        return verdict(status, rules, organization, organizationType, category).outcome();
    }

    /**
     * @param status null when the client has no consent at this data holder
     */
    public static Verdict verdict(String status, List<ConsentRule> rules, String organization,
            String organizationType, String category) {
        if (status == null) {
            return new Verdict(ConsentOutcome.NO_CHOICE, null);
        }
        switch (status) {
            case "active":
                break;
            case "inactive":
                return new Verdict(ConsentOutcome.WITHDRAWN, null);
            case "rejected":
                return new Verdict(ConsentOutcome.REFUSED, null);
            default:
                return new Verdict(ConsentOutcome.NO_CHOICE, null);
        }
        int best = -1;
        ConsentRule winner = null;
        for (ConsentRule rule : rules) {
            if (!applies(rule, organization, organizationType, category)) {
                continue;
            }
            int specificity = specificity(rule);
            boolean deny = ConsentRule.DENY.equals(rule.effect());
            if (specificity > best || (specificity == best && deny && !ConsentRule.DENY.equals(winner.effect()))) {
                best = specificity;
                winner = rule;
            }
        }
        if (winner == null) {
            return new Verdict(ConsentOutcome.NO_MATCHING_PERMIT, null);
        }
        return new Verdict(ConsentRule.DENY.equals(winner.effect()) ? ConsentOutcome.DENY : ConsentOutcome.PERMIT, winner);
    }

    private static boolean applies(ConsentRule rule, String organization, String organizationType, String category) {
        return (rule.organization() == null || rule.organization().equals(organization))
                && (rule.organizationType() == null || rule.organizationType().equals(organizationType))
                // Provider categories come with Mitz; until requesters are mapped onto them, such a rule never matches.
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
