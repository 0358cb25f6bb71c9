package nl.inzage.gateway.decision;

import java.util.Map;
import java.util.Set;

/** Which role may see which data category (configuration; DOMAIN.md has the default). */
public record RoleCategoryMatrix(Map<String, Set<String>> categoriesByRole, Set<String> knownCategories) {

    public Reason evaluate(String role, String category) {
        if (!knownCategories.contains(category)) {
            return Reason.UNKNOWN_CATEGORY;
        }
        Set<String> allowed = categoriesByRole.get(role);
        if (allowed == null) {
            return Reason.UNKNOWN_ROLE;
        }
        return allowed.contains(category) ? Reason.ROLE_PERMITS_CATEGORY : Reason.ROLE_NOT_PERMITTED;
    }
}
