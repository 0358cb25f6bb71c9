package nl.inzage.relationship.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;
import java.time.ZoneId;

/** Rules of the register that are policy, not law: how long an access request holds, and whose calendar counts. */
@ConfigMapping(prefix = "inzage.relationship")
public interface RelationshipConfig {

    /** How long a viewer's access request holds without renewal: a pregnancy plus the postpartum period. */
    @WithDefault("P12M")
    Period accessRequestValidity();

    /** The calendar "today" is read in: relationships are dated in Dutch days. */
    @WithDefault("Europe/Amsterdam")
    ZoneId zone();

    /** How often the expiry job runs (read by its {@code @Scheduled}); {@code off} switches it off. */
    @WithDefault("1h")
    String expiryEvery();

    /** Most access requests one expiry run ends; the next run takes the rest. */
    @WithDefault("500")
    int expiryBatchSize();
}
