package nl.inzage.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** AuthZEN PDP metadata: public, like OIDC discovery. */
@Path("/.well-known/authzen-configuration")
public class AuthzenConfigurationResource {

    public record Metadata(
            @JsonProperty("policy_decision_point") String policyDecisionPoint,
            @JsonProperty("access_evaluation_endpoint") String accessEvaluationEndpoint,
            @JsonProperty("access_evaluations_endpoint") String accessEvaluationsEndpoint) {
    }

    private final String publicUrl;

    public AuthzenConfigurationResource(@ConfigProperty(name = "inzage.public-url") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Metadata metadata() {
        return new Metadata(publicUrl, publicUrl + "/access/v1/evaluation", publicUrl + "/access/v1/evaluations");
    }
}
