package nl.inzage.contracts;

import java.util.List;

/**
 * One provision of a consent, flattened so consumers need no FHIR parser. A rule applies to a
 * requester when every field it sets matches (null = any); {@code dataCategories} empty = all.
 * Specificity (organization over organization type or provider category over the whole network)
 * decides between rules; at equal specificity deny wins.
 *
 * @param effect           {@code permit} or {@code deny}
 * @param organization     URA of one consulting organisation, or null
 * @param organizationType organisation type code (e.g. {@code V4}), or null
 * @param providerCategory Mitz consulting-provider category (e.g. {@code RPZAC104}), or null
 * @param dataCategories   product data categories (e.g. {@code ultrasound}) the rule covers
 */
public record ConsentRule(String effect, String organization, String organizationType,
        String providerCategory, List<String> dataCategories) {

    public static final String PERMIT = "permit";
    public static final String DENY = "deny";
}
