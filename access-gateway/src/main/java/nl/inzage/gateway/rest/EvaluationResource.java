package nl.inzage.gateway.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.Roles;
import nl.inzage.gateway.DecisionService;
import nl.inzage.gateway.audit.AuditRecords;
import nl.inzage.gateway.audit.AuditTrail;
import nl.inzage.gateway.config.GatewayConfig;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.RequiredRevisions;
import nl.inzage.gateway.ratelimit.RateLimitFilter;
import nl.inzage.gateway.rest.AuthzenMessages.DecisionContext;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationRequest;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationResponse;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationsRequest;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationsResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** AuthZEN access evaluation, single and batch, for other PEPs (role {@code pep}). */
@Path("/access/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private static final String EXECUTE_ALL = "execute_all";
    private static final String DENY_ON_FIRST_DENY = "deny_on_first_deny";
    private static final String PERMIT_ON_FIRST_PERMIT = "permit_on_first_permit";

    private final DecisionService decisions;
    private final AuditTrail audit;
    private final int maxEvaluations;
    private final boolean permitWaitsForAck;
    private final RateLimitFilter limits;

    public EvaluationResource(DecisionService decisions, AuditTrail audit, GatewayConfig config, RateLimitFilter limits,
            @ConfigProperty(name = "inzage.audit.permit-waits-for-ack", defaultValue = "true") boolean permitWaitsForAck) {
        this.decisions = decisions;
        this.audit = audit;
        this.limits = limits;
        this.maxEvaluations = config.maxEvaluations();
        this.permitWaitsForAck = permitWaitsForAck;
    }

    @POST
    @Path("/evaluation")
    @RolesAllowed(Roles.PEP)
    public Uni<EvaluationResponse> evaluate(EvaluationRequest body,
            @HeaderParam(RevisionHeaders.CONSENT) String consentRevision,
            @HeaderParam(RevisionHeaders.RELATIONSHIP) String relationshipRevision) {
        AccessRequest request = AuthzenRequests.toAccessRequest(body);
        RequiredRevisions required = RevisionHeaders.read(body.context(), consentRevision, relationshipRevision);
        limits.takeDecisions(request.organizationUra(), 1);
        String requestId = UUID.randomUUID().toString();
        return decisions.decide(request, required)
                .chain(decision -> respond(request, decision, requestId));
    }

    /**
     * The batch: every entry is read and checked before any is decided (one bad entry refuses the
     * whole request); the projections are awaited once, for the highest revisions asked. Entries
     * after the first deny (or permit) that ends the batch are decided too, but neither answered nor audited.
     */
    @POST
    @Path("/evaluations")
    @RolesAllowed(Roles.PEP)
    public Uni<EvaluationsResponse> evaluateAll(EvaluationsRequest body,
            @HeaderParam(RevisionHeaders.CONSENT) String consentRevision,
            @HeaderParam(RevisionHeaders.RELATIONSHIP) String relationshipRevision) {
        if (body == null) {
            throw ProblemException.badRequest("The body must be an AuthZEN evaluations request.");
        }
        String semantic = semantic(body.options());
        List<EvaluationRequest> entries = body.evaluations() == null || body.evaluations().isEmpty()
                ? List.of(new EvaluationRequest(null, null, null, null))
                : body.evaluations();
        if (entries.size() > maxEvaluations) {
            throw ProblemException.badRequest("At most " + maxEvaluations + " evaluations per request.");
        }
        List<AccessRequest> requests = new ArrayList<>(entries.size());
        List<RequiredRevisions> required = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            EvaluationRequest entry = withDefaults(entries.get(i), body);
            try {
                requests.add(AuthzenRequests.toAccessRequest(entry));
                required.add(RevisionHeaders.read(entry.context(), consentRevision, relationshipRevision));
            } catch (ProblemException e) {
                throw ProblemException.badRequest("evaluations[" + i + "]: " + e.getMessage());
            }
        }
        Map<String, Integer> perOrganisation = new java.util.HashMap<>();
        requests.forEach(request -> perOrganisation.merge(String.valueOf(request.organizationUra()), 1, Integer::sum));
        perOrganisation.forEach(limits::takeDecisions);
        String requestId = UUID.randomUUID().toString();
        return decisions.decideAll(requests, required).chain(decided -> {
            List<Uni<EvaluationResponse>> answered = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                Decision decision = decided.get(i);
                answered.add(respond(requests.get(i), decision, requestId));
                if ((DENY_ON_FIRST_DENY.equals(semantic) && !decision.permit())
                        || (PERMIT_ON_FIRST_PERMIT.equals(semantic) && decision.permit())) {
                    break;
                }
            }
            return Uni.join().all(answered).andFailFast().map(EvaluationsResponse::new);
        });
    }

    /**
     * Audits the decision and answers it. A permit is answered once Kafka has acknowledged its record
     * ({@code inzage.audit.permit-waits-for-ack}, the default), so no permit outlives a crash without its
     * record; not acknowledged within {@code inzage.audit.ack-timeout}, it is a deny (audit-unavailable). Denies,
     * and permits when the operator switched the wait off, are queued and sent in the background; when they
     * cannot even be queued, nothing is permitted.
     */
    private Uni<EvaluationResponse> respond(AccessRequest request, Decision decision, String requestId) {
        AccessDecided record = AuditRecords.of(request, decision, requestId, "read", null, null, null);
        if (decision.permit() && permitWaitsForAck) {
            return audit.record(record)
                    .map(acknowledged -> decision)
                    .onFailure().recoverWithItem(() -> decision.unaudited("the audit log did not acknowledge the record"))
                    .map(EvaluationResource::answer);
        }
        Decision answered = audit.offer(record) ? decision : decision.unaudited("the audit buffer is full");
        return Uni.createFrom().item(answer(answered));
    }

    private static EvaluationResponse answer(Decision decision) {
        return new EvaluationResponse(decision.permit(), DecisionContext.of(decision));
    }

    /** Package-private for AuthzenRequestsFuzzTest, which reads a batch as this resource does. */
    static EvaluationRequest withDefaults(EvaluationRequest entry, EvaluationsRequest defaults) {
        EvaluationRequest given = entry == null ? new EvaluationRequest(null, null, null, null) : entry;
        return new EvaluationRequest(
                given.subject() != null ? given.subject() : defaults.subject(),
                given.action() != null ? given.action() : defaults.action(),
                given.resource() != null ? given.resource() : defaults.resource(),
                given.context() != null ? given.context() : defaults.context());
    }

    static String semantic(Map<String, Object> options) {
        Object value = options == null ? null : options.get("evaluations_semantic");
        if (value == null) {
            return EXECUTE_ALL;
        }
        if (value instanceof String text && List.of(EXECUTE_ALL, DENY_ON_FIRST_DENY, PERMIT_ON_FIRST_PERMIT).contains(text)) {
            return text;
        }
        throw ProblemException.badRequest("options.evaluations_semantic must be execute_all, deny_on_first_deny or permit_on_first_permit.");
    }
}
