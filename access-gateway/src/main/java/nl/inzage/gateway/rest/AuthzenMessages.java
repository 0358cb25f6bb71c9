package nl.inzage.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import nl.inzage.gateway.decision.Decision;

/** OpenID AuthZEN Authorization API 1.0 message shapes. */
public final class AuthzenMessages {

    private AuthzenMessages() {
    }

    public record EvaluationRequest(Entity subject, Action action, Entity resource, Map<String, Object> context) {
    }

    /**
     * AuthZEN 1.0 Access Evaluations (batch): the top-level subject, action, resource and context
     * are defaults for each entry that leaves them out.
     */
    public record EvaluationsRequest(Entity subject, Action action, Entity resource, Map<String, Object> context,
            List<EvaluationRequest> evaluations, Map<String, Object> options) {
    }

    public record EvaluationsResponse(List<EvaluationResponse> evaluations) {
    }

    public record Entity(String type, String id, Map<String, Object> properties) {
    }

    public record Action(String name, Map<String, Object> properties) {
    }

    public record EvaluationResponse(boolean decision, DecisionContext context) {
    }

    /**
     * @param reasons  one reason code per rule (consent, relationship, role), or the fail-closed reason
     * @param findings the same reasons with the rule and its basis
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionContext(List<String> reasons, List<Finding> findings, @JsonProperty("based_on") BasedOn basedOn,
            Revisions revision) {

        public static DecisionContext of(Decision decision) {
            return new DecisionContext(decision.reasonCodes(),
                    decision.findings().stream().map(f -> new Finding(f.rule(), f.reason().code(), f.basis())).toList(),
                    new BasedOn(decision.consentIds(), decision.relationshipIds(), decision.emergency()),
                    decision.revisions() == null ? null
                            : new Revisions(decision.revisions().consent(), decision.revisions().relationship()));
        }
    }

    public record Finding(String rule, String reason, String basis) {
    }

    public record BasedOn(List<String> consents, List<String> relationships, @JsonProperty("emergency_access") boolean emergencyAccess) {
    }

    public record Revisions(long consent, long relationship) {
    }
}
