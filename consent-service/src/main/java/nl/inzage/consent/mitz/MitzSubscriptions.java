package nl.inzage.consent.mitz;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registers a client at Mitz for a data holder connected to Mitz, once: the subscription goes into
 * the Mitz outbox in the caller's transaction, keyed by client and holder, so a second consent or
 * relationship adds nothing and a lost delivery is retried.
 */
@ApplicationScoped
public class MitzSubscriptions {

    private final MitzConfig config;
    private final MitzOutbox outbox;
    private final MitzResources resources;

    public MitzSubscriptions(MitzConfig config, MitzOutbox outbox, MitzResources resources) {
        this.config = config;
        this.outbox = outbox;
        this.resources = resources;
    }

    /** Within the caller's transaction; nothing when the holder does not use Mitz. */
    public Uni<Void> ensure(String bsn, String holderUra) {
        if (!config.holderUsesMitz(holderUra)) {
            return Uni.createFrom().voidItem();
        }
        String holderType = config.holders().get(holderUra);
        return outbox.append(MitzClient.Kind.SUBSCRIPTION, "subscription:" + bsn + ":" + holderUra,
                resources.subscription(bsn, holderUra, holderType)).replaceWithVoid();
    }
}
