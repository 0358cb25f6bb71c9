package nl.inzage.consent.migration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code inzage.migration.*}: importing the consents a regional register holds. */
@ConfigMapping(prefix = "inzage.migration")
public interface MigrationConfig {

    /** URAs of the network's data holders; a record naming another is invalid (unknown organisation). */
    Set<String> knownOrganisations();

    /** Organisation type → Mitz consulting-provider category (RPZAC…); types without one are not migratable. */
    Map<String, String> providerCategories();

    /** Product data category → Mitz gegevenscategorie; see {@link MigrationRules}. */
    Map<String, String> mitzDataCategories();

    /** Where uploaded files wait while their job runs (they hold BSNs: deleted when the job finishes). */
    Path spoolDir();

    /** Records per transaction: progress, totals and the records' results commit together. */
    @WithDefault("250")
    int batchSize();

    default MigrationRules rules() {
        return new MigrationRules(knownOrganisations(), providerCategories(), mitzDataCategories());
    }
}
