package nl.inzage.consent.migration;

import java.util.Map;
import java.util.Set;

/**
 * What the validator needs to know beyond the record, from configuration.
 *
 * @param knownOrganisations  URAs of the data holders of the network: any other is an unknown organisation
 * @param providerCategories  organisation type → Mitz consulting-provider category (RPZAC…): a type without
 *                            one cannot be expressed in Mitz
 * @param mitzDataCategories  product data category → Mitz gegevenscategorie: a category without one, or a
 *                            provision naming only part of the product categories one Mitz category covers,
 *                            cannot be expressed in Mitz
 */
public record MigrationRules(Set<String> knownOrganisations, Map<String, String> providerCategories,
        Map<String, String> mitzDataCategories) {
}
