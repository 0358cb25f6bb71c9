package nl.inzage.gateway.mitz;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.ConsentState;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks Mitz's closed question through consent-service, with a strict timeout. Never fails: an
 * answer that is not a clear permit or deny is {@link Unavailable}, and the caller denies.
 */
@ApplicationScoped
public class MitzClosedQuestion {

    /** What came back. */
    public sealed interface Answer permits Permit, NoPermit, Unavailable {
    }

    /** Mitz permits: the consent version consent-service stored it as (also on its way to the projection). */
    public record Permit(ConsentState consent) implements Answer {
    }

    /** Mitz denies, or the client has made no choice there either. */
    public record NoPermit(String answer) implements Answer {
    }

    public record Unavailable(String why) implements Answer {
    }

    private static final Logger LOG = Logger.getLogger(MitzClosedQuestion.class);

    private final ConsentServiceClient consentService;
    private final OidcClient oidcClient;
    private final MitzConfig config;
    private final TokensHelper tokens = new TokensHelper();

    public MitzClosedQuestion(@RestClient ConsentServiceClient consentService, OidcClient oidcClient, MitzConfig config) {
        this.consentService = consentService;
        this.oidcClient = oidcClient;
        this.config = config;
    }

    public boolean holderUsesMitz(String dataHolderUra) {
        return config.enabled() && dataHolderUra != null && config.holders().containsKey(dataHolderUra);
    }

    /** The data holders connected to Mitz; none when Mitz is off. */
    public Set<String> holders() {
        return config.enabled() ? config.holders().keySet() : Set.of();
    }

    public Uni<Answer> ask(AccessRequest request) {
        ConsentServiceClient.ClosedQuestionBody body = new ConsentServiceClient.ClosedQuestionBody(request.patientBsn(),
                request.dataHolderUra(), config.holders().get(request.dataHolderUra()), request.practitionerUzi(), request.role(),
                request.organizationUra(), request.organizationType());
        return tokens.getTokens(oidcClient)
                .chain(serviceTokens -> consentService.closedQuestion("Bearer " + serviceTokens.getAccessToken(), body))
                .ifNoItem().after(config.timeout()).fail()
                .map(response -> {
                    if (response.getStatus() != 200) {
                        return (Answer) new Unavailable("consent-service answered " + response.getStatus());
                    }
                    return answer(request, response.readEntity(JsonNode.class));
                })
                .onFailure().recoverWithItem(failure -> {
                    String why = failure instanceof jakarta.ws.rs.WebApplicationException web
                            ? "consent-service answered " + web.getResponse().getStatus()
                            : failure.getClass().getSimpleName();
                    LOG.warnf("Mitz closed question not answered: %s", why);
                    return new Unavailable(why);
                });
    }

    private static Answer answer(AccessRequest request, JsonNode answer) {
        String code = answer.path("answer").asText();
        if ("permit".equals(code) && answer.path("consentId").isTextual() && answer.path("version").canConvertToLong()) {
            ConsentState consent = new ConsentState(answer.path("consentId").asText(), answer.path("version").asLong(),
                    answer.path("revision").asLong(), "active", true,
                    List.of(new ConsentRule(ConsentRule.PERMIT, null, request.organizationType(), null, List.of())));
            return new Permit(consent);
        }
        if ("deny".equals(code) || "not-applicable".equals(code)) {
            return new NoPermit(code);
        }
        return new Unavailable("Mitz answered " + code);
    }
}
