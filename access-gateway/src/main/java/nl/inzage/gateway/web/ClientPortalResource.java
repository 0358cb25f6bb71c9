package nl.inzage.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;
import nl.inzage.contracts.Roles;
import nl.inzage.gateway.DecisionService;
import nl.inzage.gateway.decision.RequiredRevisions;
import nl.inzage.gateway.web.ConsentEdits.Target;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * "Mijn toestemmingen": the client's consents at every organisation in one list, her changes to
 * them, and who looked at her data. Reads and writes go to consent-service and audit-service with
 * her own access token; a change is confirmed only once this gateway decides on it.
 */
@Path("/web/mijn-toestemmingen")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ClientPortalResource {

    private static final Logger LOG = Logger.getLogger(ClientPortalResource.class);
    private static final int LOG_RECORDS = 500;
    private static final Set<String> MESSAGES = Set.of("ingetrokken", "gegeven", "uitgesloten", "toegestaan", "vertraagd", "conflict");

    private final Template portal;
    private final SecurityIdentity identity;
    private final ConsentServiceClient consentService;
    private final AuditServiceClient auditService;
    private final Organizations organizations;
    private final DecisionService decisions;
    private final WebConfig config;
    private final ObjectMapper mapper;

    public ClientPortalResource(@Location("portal.html") Template portal, SecurityIdentity identity,
            @RestClient ConsentServiceClient consentService, @RestClient AuditServiceClient auditService,
            Organizations organizations, DecisionService decisions, WebConfig config, ObjectMapper mapper) {
        this.portal = portal;
        this.identity = identity;
        this.consentService = consentService;
        this.auditService = auditService;
        this.organizations = organizations;
        this.decisions = decisions;
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    public Uni<TemplateInstance> page(@QueryParam("melding") String message, @QueryParam("toestemming") String changedId) {
        String bsn = requireClient();
        String bearer = WebRequests.bearer(identity);
        Uni<List<ConsentCard>> cards = consentService.search(bearer, NamingSystems.BSN + "|" + bsn, 100)
                .map(response -> cards(response.readEntity(String.class)))
                .onFailure().transform(failure -> unavailable("consent-service", failure,
                        "Uw toestemmingen kunnen nu niet worden opgehaald. Probeer het over enkele minuten opnieuw."));
        Uni<Object> accessLog = auditService.mine(bearer, LOG_RECORDS)
                .map(response -> (Object) AccessLogEntry.group(read(response.readEntity(String.class)), organizations))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("audit-service gave no access log for the portal: %s", failure.getClass().getSimpleName());
                    return null;
                });
        return Uni.combine().all().unis(cards, accessLog).asTuple().map(both -> {
            List<ConsentCard> list = both.getItem1();
            String shown = message != null && MESSAGES.contains(message) ? message : null;
            ConsentCard changed = list.stream().filter(card -> card.id().equals(changedId)).findFirst().orElse(null);
            return portal.data("name", WebRequests.name(identity))
                    .data("consents", list)
                    .data("accessLog", both.getItem2())
                    .data("message", shown)
                    .data("changed", changed)
                    .data("organizations", organizationChoices())
                    .data("types", Labels.ORGANIZATION_TYPES)
                    .data("categories", Labels.CATEGORIES);
        });
    }

    /**
     * One change to one consent. {@code action}: {@code withdraw}, {@code give}, {@code exclude-organization},
     * {@code exclude-type}, {@code exclude-category} (with {@code value}), {@code allow} (with {@code index}).
     */
    @POST
    @Path("/{id}")
    public Uni<Response> change(@PathParam("id") String id, @FormParam("action") String action, @FormParam("value") String value,
            @FormParam("index") String index, @FormParam("version") String version, @Context HttpServerRequest request) {
        WebRequests.requireSameOrigin(request);
        requireClient();
        if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new WebProblem(400, "Deze toestemming bestaat niet.");
        }
        if (version == null || !version.matches("[0-9]{1,9}")) {
            throw new WebProblem(400, "Het formulier is onvolledig; laad de pagina opnieuw.");
        }
        String bearer = WebRequests.bearer(identity);
        return consentService.read(bearer, id)
                .onFailure().transform(failure -> unavailable("consent-service", failure, "Deze toestemming kon niet worden gelezen."))
                .map(response -> edit(read(response.readEntity(String.class)), action, value, index))
                .chain(edited -> consentService.update(bearer, id, "W/\"" + version + "\"", edited.consent().toString())
                        .map(response -> new Stored(edited.message(), revision(response)))
                        .onFailure(WebApplicationException.class)
                        .recoverWithUni(failure -> ((WebApplicationException) failure).getResponse().getStatus() == 412
                                ? Uni.createFrom().item(new Stored("conflict", -1))
                                : Uni.createFrom().failure(failure)))
                .onFailure(failure -> !(failure instanceof WebProblem))
                .transform(failure -> unavailable("consent-service", failure, "Uw wijziging is niet opgeslagen. Probeer het opnieuw."))
                // Confirmed only once this gateway's decisions include the change.
                .chain(stored -> stored.revision() < 0 ? Uni.createFrom().item(stored.message())
                        : decisions.reach(new RequiredRevisions(stored.revision(), 0), config.changeWait())
                                .map(reached -> reached ? stored.message() : "vertraagd"))
                .map(message -> Response.seeOther(URI.create("/web/mijn-toestemmingen?melding=" + message + "&toestemming=" + id
                        + "#toestemming-" + id)).build());
    }

    private record Edited(ObjectNode consent, String message) {
    }

    private record Stored(String message, long revision) {
    }

    private Edited edit(JsonNode consent, String action, String value, String index) {
        if (action == null) {
            throw new WebProblem(400, "Kies wat u wilt wijzigen.");
        }
        return switch (action) {
            case "withdraw" -> new Edited(ConsentEdits.withdraw(consent), "ingetrokken");
            case "give" -> new Edited(ConsentEdits.giveAgain(consent), "gegeven");
            case "exclude-organization" -> {
                if (value == null || !Identifiers.isValidUra(value)) {
                    throw new WebProblem(400, "Kies een organisatie.");
                }
                yield new Edited(ConsentEdits.exclude(consent, Target.ORGANIZATION, value), "uitgesloten");
            }
            case "exclude-type" -> {
                if (value == null || !Labels.ORGANIZATION_TYPES.containsKey(value)) {
                    throw new WebProblem(400, "Kies een soort organisatie.");
                }
                yield new Edited(ConsentEdits.exclude(consent, Target.ORGANIZATION_TYPE, value), "uitgesloten");
            }
            case "exclude-category" -> {
                if (value == null || !DataCategories.ALL.contains(value)) {
                    throw new WebProblem(400, "Kies een soort gegevens.");
                }
                yield new Edited(ConsentEdits.exclude(consent, Target.CATEGORY, value), "uitgesloten");
            }
            case "allow" -> {
                try {
                    yield new Edited(ConsentEdits.allowAgain(consent, Integer.parseInt(index == null ? "" : index)), "toegestaan");
                } catch (IllegalArgumentException e) {
                    throw new WebProblem(400, "Deze uitzondering bestaat niet (meer); laad de pagina opnieuw.");
                }
            }
            default -> throw new WebProblem(400, "Onbekende wijziging.");
        };
    }

    private List<ConsentCard> cards(String bundle) {
        List<ConsentCard> cards = new ArrayList<>();
        for (JsonNode entry : read(bundle).path("entry")) {
            if ("Consent".equals(entry.path("resource").path("resourceType").asText())) {
                cards.add(ConsentCard.of(entry.path("resource"), organizations));
            }
        }
        cards.sort(java.util.Comparator.comparing(ConsentCard::organizationName).thenComparing(ConsentCard::id));
        return cards;
    }

    private List<Map<String, String>> organizationChoices() {
        return organizations.all().keySet().stream().sorted()
                .map(ura -> Map.of("ura", ura, "name", organizations.describe(ura))).toList();
    }

    private String requireClient() {
        String bsn = WebRequests.claim(identity, "bsn");
        if (!identity.hasRole(Roles.CLIENT) || !Identifiers.isValidBsn(bsn)) {
            throw new WebProblem(403, "Deze pagina is voor cliënten. U bent ingelogd zonder cliëntgegevens.");
        }
        return bsn;
    }

    private static long revision(Response response) {
        String header = response.getHeaderString("X-Consent-Revision");
        if (header == null || !header.matches("[0-9]{1,18}")) {
            throw new WebProblem(502, "Uw wijziging is opgeslagen, maar de bevestiging ontbreekt. Laad de pagina opnieuw.");
        }
        return Long.parseLong(header);
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new WebProblem(502, "Een onderdeel gaf een onleesbaar antwoord. Probeer het opnieuw.");
        }
    }

    private static Throwable unavailable(String service, Throwable failure, String message) {
        if (failure instanceof WebProblem problem) {
            return problem;
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            LOG.warnf("%s answered the portal with status %d", service, status);
            if (status == 403 || status == 404) {
                return new WebProblem(404, "Deze toestemming bestaat niet of is niet van u.");
            }
            return new WebProblem(status >= 500 ? 503 : 502, message);
        }
        LOG.warnf("%s unreachable for the portal: %s", service, failure.getClass().getSimpleName());
        return new WebProblem(503, message);
    }
}
