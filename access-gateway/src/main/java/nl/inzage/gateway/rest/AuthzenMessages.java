package nl.inzage.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** OpenID AuthZEN Authorization API 1.0 message shapes. */
public final class AuthzenMessages {

    private AuthzenMessages() {
    }

    public record EvaluationRequest(Entity subject, Action action, Entity resource, Map<String, Object> context) {
    }

    public record Entity(String type, String id, Map<String, Object> properties) {
    }

    public record Action(String name, Map<String, Object> properties) {
    }

    public record EvaluationResponse(boolean decision, DecisionContext context) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionContext(List<String> reasons, @JsonProperty("based_on") BasedOn basedOn, Revisions revision) {
    }

    public record BasedOn(List<String> consents, List<String> relationships) {
    }

    public record Revisions(long consent, long relationship) {
    }
}
