package nl.inzage.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import nl.inzage.gateway.config.GatewayConfig;
import nl.inzage.gateway.decision.AccessDecider;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.Reason;
import nl.inzage.gateway.decision.RequiredRevisions;
import nl.inzage.gateway.projection.CatchUp;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.EmergencyAccesses;
import nl.inzage.gateway.projection.Freshness;
import nl.inzage.gateway.projection.RelationshipProjection;

/**
 * Decides from the projections, failing closed: deny while they have not caught up since start,
 * while their freshness cannot be confirmed, and when they do not reach the revisions the caller
 * asks for within the freshness wait.
 */
@ApplicationScoped
public class DecisionService {

    private final AccessDecider decider;
    private final ConsentProjection consents;
    private final RelationshipProjection relationships;
    private final EmergencyAccesses emergencies;
    private final CatchUp catchUp;
    private final Freshness freshness;
    private final Duration freshnessWait;
    private final Counter staleDenials;

    public DecisionService(AccessDecider decider, ConsentProjection consents, RelationshipProjection relationships,
            EmergencyAccesses emergencies, CatchUp catchUp, Freshness freshness, GatewayConfig config, MeterRegistry registry) {
        this.decider = decider;
        this.consents = consents;
        this.relationships = relationships;
        this.emergencies = emergencies;
        this.catchUp = catchUp;
        this.freshness = freshness;
        this.freshnessWait = config.freshnessWait();
        this.staleDenials = registry.counter("inzage.decisions.stale");
    }

    /** Decides once the projections have reached the required revisions, without blocking a thread while waiting. */
    public Uni<Decision> decide(AccessRequest request, RequiredRevisions required) {
        return reach(required).map(reached -> reached ? decide(request) : staleFor(required));
    }

    /**
     * Completes with true once the projections have reached the required revisions, or with false
     * when they have not within the freshness wait. Never blocks a thread.
     */
    public Uni<Boolean> reach(RequiredRevisions required) {
        return reach(required, freshnessWait);
    }

    /** As {@link #reach(RequiredRevisions)}, waiting at most {@code wait}. */
    public Uni<Boolean> reach(RequiredRevisions required, Duration wait) {
        if (reached(required)) {
            return Uni.createFrom().item(true);
        }
        CompletableFuture<Void> consent = consents.watermark().await(required.consent()).toCompletableFuture();
        CompletableFuture<Void> relationship = relationships.watermark().await(required.relationship()).toCompletableFuture();
        return Uni.createFrom().completionStage(CompletableFuture.allOf(consent, relationship))
                .ifNoItem().after(wait).recoverWithUni(() -> Uni.createFrom().voidItem().invoke(() -> {
                    consent.cancel(false);
                    relationship.cancel(false);
                }))
                .map(ignored -> reached(required));
    }

    /** The deny for a request whose revisions the projections did not reach in time. */
    public Decision staleFor(RequiredRevisions required) {
        return stale("the projections did not reach consent revision " + required.consent() + " and relationship revision "
                + required.relationship() + " within " + freshnessWait);
    }

    /** Decides on the projections as they are. */
    public Decision decide(AccessRequest request) {
        if (!catchUp.caughtUp()) {
            return Decision.deny(Reason.NOT_READY, "the projections have not caught up since start").at(revisions());
        }
        if (freshness.stale()) {
            return stale("freshness not confirmed for " + freshness.age().toSeconds() + " s");
        }
        Instant now = Instant.now();
        return decider.decide(request,
                consents.find(request.patientBsn(), request.dataHolderUra()),
                relationships.forPatient(request.patientBsn()),
                emergencies.find(request.practitionerUzi(), request.organizationUra(), request.patientBsn(), now),
                now).at(revisions());
    }

    public Decision.Revisions revisions() {
        return new Decision.Revisions(consents.watermark().reached(), relationships.watermark().reached());
    }

    /** Whether the projections have reached these revisions now. */
    public boolean reached(RequiredRevisions required) {
        return consents.watermark().reached() >= required.consent() && relationships.watermark().reached() >= required.relationship();
    }

    private Decision stale(String basis) {
        staleDenials.increment();
        return Decision.deny(Reason.STALE, basis).at(revisions());
    }
}
