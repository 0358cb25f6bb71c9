package nl.inzage.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Rate limits on the viewer and decision APIs (README "Rate limits"). A limit is a steady rate per second and a
 * burst (the bucket's size). {@code enabled=false} switches every limit off (load tests).
 */
@ConfigMapping(prefix = "inzage.rate-limit")
public interface RateLimitConfig {

    /** Off for load tests (INZAGE_RATE_LIMIT_ENABLED=false); on otherwise. */
    @WithDefault("true")
    boolean enabled();

    /** Viewer API per practitioner (token subject): a person reads a few pages a second at most. */
    Limit viewerUser();

    /** Viewer API per organisation (token {@code ura}): all of one organisation's practitioners together. */
    Limit viewerOrganisation();

    /**
     * Decision API per PEP client (token subject). One PEP service account serves a whole region, so the default
     * is far above the 20,000 decisions/s it must sustain: this limit only stops a runaway client.
     */
    Limit decisionClient();

    /**
     * Decision API per organisation the PEP asks for (the request's {@code subject_organization_id}; each entry
     * of a batch counts): one organisation's practitioners together, so one organisation cannot use up what a
     * shared PEP may ask for all of them.
     */
    Limit decisionOrganisation();

    interface Limit {
        double perSecond();

        double burst();
    }
}
