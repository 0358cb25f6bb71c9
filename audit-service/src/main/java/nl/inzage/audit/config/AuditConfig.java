package nl.inzage.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Settings of the log: checkpoint signing, and what the lawfulness replay decides with. */
@ConfigMapping(prefix = "inzage.audit")
public interface AuditConfig {

    /**
     * Role → the data categories it may see, the same matrix the gateway decides with (DOMAIN.md
     * default), e.g. {@code inzage.audit.matrix.jgz=delivery,postpartum,newborn,care-plan}.
     */
    Map<String, List<String>> matrix();

    /** The time zone that decides which day a relationship's period is tested against. */
    @WithDefault("Europe/Amsterdam")
    String zone();

    Checkpoint checkpoint();

    Retention retention();

    interface Retention {

        /** How long records are kept, in years: NEN 7513 asks at least 5 (refused below that at start), WGBO 20. */
        @WithDefault("20")
        int years();

        /** When the purge job runs (Quarkus cron), default every night at 03:30. */
        @WithDefault("0 30 3 * * ?")
        String cron();
    }

    interface Checkpoint {

        /**
         * HMAC-SHA256 key, base64, at least 32 bytes. From the environment in every real deployment
         * ({@code AUDIT_CHECKPOINT_KEY}); the default in application.properties is for local development only.
         */
        String key();

        /** Names the key in each checkpoint, so a rotated key can still verify old checkpoints. */
        @WithDefault("local-dev")
        String keyId();

        /** How often the chain head is signed (a Quarkus scheduler interval, e.g. {@code 1h}). */
        @WithDefault("1h")
        String every();
    }
}
