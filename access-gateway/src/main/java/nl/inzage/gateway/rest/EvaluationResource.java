package nl.inzage.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import nl.inzage.contracts.Roles;
import nl.inzage.gateway.DecisionService;
import nl.inzage.gateway.audit.AuditRecords;
import nl.inzage.gateway.audit.AuditTrail;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.Reason;
import nl.inzage.gateway.rest.AuthzenMessages.BasedOn;
import nl.inzage.gateway.rest.AuthzenMessages.DecisionContext;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationRequest;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationResponse;
import nl.inzage.gateway.rest.AuthzenMessages.Revisions;

/** AuthZEN access evaluation for other PEPs (role {@code pep}). */
@Path("/access/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final DecisionService decisions;
    private final AuditTrail audit;

    public EvaluationResource(DecisionService decisions, AuditTrail audit) {
        this.decisions = decisions;
        this.audit = audit;
    }

    @POST
    @Path("/evaluation")
    @RolesAllowed(Roles.PEP)
    public EvaluationResponse evaluate(EvaluationRequest body) {
        AccessRequest request = AuthzenRequests.toAccessRequest(body);
        Decision decision = decisions.decide(request);
        // Decision-API records go out asynchronously; when they cannot even be queued, nothing is permitted.
        boolean logged = audit.offer(AuditRecords.of(request, decision, UUID.randomUUID().toString(), "read", null, null, null));
        if (!logged) {
            decision = Decision.deny(Reason.AUDIT_UNAVAILABLE);
        }
        return new EvaluationResponse(decision.permit(), new DecisionContext(
                decision.reasonCodes(),
                new BasedOn(decision.consentIds(), decision.relationshipIds()),
                new Revisions(decisions.consentRevision(), decisions.relationshipRevision())));
    }
}
