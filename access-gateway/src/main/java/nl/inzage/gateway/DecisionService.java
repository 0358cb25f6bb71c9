package nl.inzage.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import nl.inzage.gateway.config.GatewayConfig;
import nl.inzage.gateway.decision.AccessDecider;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.ConsentState;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.Reason;
import nl.inzage.gateway.decision.RequiredRevisions;
import nl.inzage.gateway.mitz.MitzClosedQuestion;
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
    private final MitzClosedQuestion mitz;

    public DecisionService(AccessDecider decider, ConsentProjection consents, RelationshipProjection relationships,
            EmergencyAccesses emergencies, CatchUp catchUp, Freshness freshness, GatewayConfig config, MeterRegistry registry,
            MitzClosedQuestion mitz) {
        this.mitz = mitz;
        this.decider = decider;
        this.consents = consents;
        this.relationships = relationships;
        this.emergencies = emergencies;
        this.catchUp = catchUp;
        this.freshness = freshness;
        this.freshnessWait = config.freshnessWait();
        this.staleDenials = registry.counter("inzage.decisions.stale");
    }

    /**
     * Decides once the projections have reached the required revisions, without blocking a thread
     * while waiting. When consent is all that stands in the way and the data holder uses Mitz, asks
     * Mitz's closed question (the only path that waits on another service, with a strict timeout).
     */
    public Uni<Decision> decide(AccessRequest request, RequiredRevisions required) {
        return decideAll(List.of(request), List.of(required)).map(decided -> decided.get(0));
    }

    /**
     * Decides every request as {@link #decide(AccessRequest, RequiredRevisions)} decides one, in
     * order: the projections are awaited once, for the highest revisions asked, and Mitz is asked
     * at most once per client, data holder and requester (its answer does not depend on the category).
     */
    public Uni<List<Decision>> decideAll(List<AccessRequest> requests, List<RequiredRevisions> required) {
        RequiredRevisions highest = new RequiredRevisions(
                required.stream().mapToLong(RequiredRevisions::consent).max().orElse(0),
                required.stream().mapToLong(RequiredRevisions::relationship).max().orElse(0));
        return reach(highest)
                .map(ignored -> {
                    List<Decision> decided = new ArrayList<>(requests.size());
                    for (int i = 0; i < requests.size(); i++) {
                        decided.add(reached(required.get(i)) ? decide(requests.get(i)) : staleFor(required.get(i)));
                    }
                    return decided;
                })
                .chain(decided -> consultMitz(requests, decided));
    }

    /** The closed question for the requester of a request; the category is not part of it. */
    private record MitzQuestion(String patientBsn, String dataHolderUra, String practitionerUzi, String organizationUra,
            String organizationType, String role) {

        static MitzQuestion of(AccessRequest request) {
            return new MitzQuestion(request.patientBsn(), request.dataHolderUra(), request.practitionerUzi(),
                    request.organizationUra(), request.organizationType(), request.role());
        }
    }

    private Uni<List<Decision>> consultMitz(List<AccessRequest> requests, List<Decision> decided) {
        Map<MitzQuestion, List<Integer>> asked = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            if (askMitz(requests.get(i), decided.get(i))) {
                asked.computeIfAbsent(MitzQuestion.of(requests.get(i)), question -> new ArrayList<>()).add(i);
            }
        }
        if (asked.isEmpty()) {
            return Uni.createFrom().item(decided);
        }
        List<List<Integer>> askers = List.copyOf(asked.values());
        return Uni.join().all(askers.stream().map(indexes -> mitz.ask(requests.get(indexes.get(0)))).toList()).andFailFast()
                .map(answers -> {
                    List<Decision> answered = new ArrayList<>(decided);
                    for (int k = 0; k < askers.size(); k++) {
                        for (int i : askers.get(k)) {
                            answered.set(i, answered(requests.get(i), decided.get(i), answers.get(k)));
                        }
                    }
                    return answered;
                });
    }

    /** No choice here (or a Mitz consent that does not cover this requester), at a Mitz holder, and nothing else in the way. */
    private boolean askMitz(AccessRequest request, Decision decision) {
        if (decision.permit() || !mitz.holderUsesMitz(request.dataHolderUra()) || decision.findings().size() != 3) {
            return false;
        }
        Reason consent = decision.findings().get(0).reason();
        ConsentState held = consents.find(request.patientBsn(), request.dataHolderUra());
        boolean noChoice = consent == Reason.NO_CONSENT
                || (consent == Reason.CONSENT_NO_MATCHING_PERMIT && held != null && held.fromMitz());
        return noChoice && decision.findings().get(1).reason() == Reason.RELATIONSHIP
                && decision.findings().get(2).reason() == Reason.ROLE_PERMITS_CATEGORY;
    }

    private Decision answered(AccessRequest request, Decision decision, MitzClosedQuestion.Answer answer) {
        if (answer instanceof MitzClosedQuestion.Permit permit) {
            Instant now = Instant.now();
            return decider.decide(request, permit.consent(), relationships.forPatient(request.patientBsn()),
                    emergencies.find(request.practitionerUzi(), request.organizationUra(), request.patientBsn(), now), now)
                    .at(decision.revisions());
        }
        if (answer instanceof MitzClosedQuestion.NoPermit no) {
            return decision.withFinding(Reason.MITZ_NO_PERMIT, "Mitz closed question answered " + no.answer());
        }
        return decision.withFinding(Reason.MITZ_UNAVAILABLE, "the data holder uses Mitz and Mitz could not be asked ("
                + ((MitzClosedQuestion.Unavailable) answer).why() + ")");
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
    private Decision staleFor(RequiredRevisions required) {
        return stale("the projections did not reach consent revision " + required.consent() + " and relationship revision "
                + required.relationship() + " within " + freshnessWait);
    }

    /** Decides on the projections as they are, without Mitz: callers go through {@link #decideAll}. */
    private Decision decide(AccessRequest request) {
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

    /** The data holders that keep the choices of clients without one here at Mitz (none when Mitz is off). */
    public Set<String> mitzHolders() {
        return mitz.holders();
    }

    private Decision.Revisions revisions() {
        return new Decision.Revisions(consents.watermark().reached(), relationships.watermark().reached());
    }

    /** Whether the projections have reached these revisions now. */
    private boolean reached(RequiredRevisions required) {
        return consents.watermark().reached() >= required.consent() && relationships.watermark().reached() >= required.relationship();
    }

    private Decision stale(String basis) {
        staleDenials.increment();
        return Decision.deny(Reason.STALE, basis).at(revisions());
    }
}
