package nl.inzage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.gateway.decision.AccessRequest;

/**
 * The decision's data as a general-purpose engine (jCasbin, Cedar, Cerbos) or a SQL table gets it:
 * the consent's rules flattened to keys {@code actor|category} (actor {@code o:URA}, {@code t:TYPE}
 * or {@code *}; category or {@code *}), split by effect, and the organisations the client has an
 * active relationship with today. The request asks six keys, most specific first; the consent
 * permits when at the most specific key any rule names, a permit and no deny names it (the Generic
 * Function Consent's "more specific wins, deny wins at equal specificity", as {@code ConsentRules}).
 * A rule naming both an organisation and a type, or a Mitz provider category, is not expressible
 * this way; the workload has none.
 */
public record Facts(AccessRequest request, String status, Set<String> permits, Set<String> denies, Set<String> activeOrgs) {

    /** The request's keys, most specific (organisation and category) first. */
    public static List<String> requestKeys(AccessRequest request) {
        String org = "o:" + request.organizationUra();
        String type = "t:" + request.organizationType();
        String category = request.dataCategory();
        return List.of(org + "|" + category, org + "|*", type + "|" + category, type + "|*", "*|" + category, "*|*");
    }

    public static List<String> ruleKeys(ConsentRule rule) {
        String actor = rule.organization() != null ? "o:" + rule.organization()
                : rule.organizationType() != null ? "t:" + rule.organizationType()
                : rule.providerCategory() != null ? "p:" + rule.providerCategory()
                : "*";
        if (rule.dataCategories() == null || rule.dataCategories().isEmpty()) {
            return List.of(actor + "|*");
        }
        List<String> keys = new ArrayList<>();
        for (String category : rule.dataCategories()) {
            keys.add(actor + "|" + category);
        }
        return keys;
    }

    /** The policy's consent condition over the six request keys k5 (most specific) .. k0, in a C-like syntax. */
    public static String consentCondition(java.util.function.Function<String, String> permits,
            java.util.function.Function<String, String> denies, String[] keys, String and, String or, String not) {
        String expression = "false";
        for (int level = keys.length - 1; level >= 0; level--) {
            String key = keys[level];
            String p = "(" + permits.apply(key) + ")";
            String d = "(" + denies.apply(key) + ")";
            expression = "((" + p + " " + and + " " + not + d + ") " + or + " (" + not + p + " " + and + " " + not + d
                    + " " + and + " " + expression + "))";
        }
        return expression;
    }
}
