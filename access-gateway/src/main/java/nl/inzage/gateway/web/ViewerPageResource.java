package nl.inzage.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;
import nl.inzage.gateway.decision.EmergencyAccess;
import nl.inzage.gateway.decision.RoleCategoryMatrix;
import nl.inzage.gateway.fhir.ResourceCategories;
import nl.inzage.gateway.config.FhirConfig;
import nl.inzage.gateway.projection.EmergencyAccesses;
import nl.inzage.gateway.rest.Practitioner;
import nl.inzage.gateway.rest.ProblemException;
import nl.inzage.gateway.rest.ViewerResource;
import nl.inzage.gateway.rest.ViewerResource.HolderView;
import org.jboss.logging.Logger;

/**
 * The practitioner's viewer: look up a client by BSN; per data holder what she may see or why not,
 * "toegang vragen" and emergency access; the client's data from the permitted holders by category.
 * Everything goes through the gateway's own viewer API ({@link ViewerResource}), so the pages decide,
 * filter and audit exactly as the API does.
 */
@Path("/web/viewer")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ViewerPageResource {

    private static final Logger LOG = Logger.getLogger(ViewerPageResource.class);
    private static final int MAX_REASON = 1000;
    /** Reasons that explain a hidden category; the permit reasons and "role permits" explain nothing. */
    private static final Set<String> HIDING = Set.of("no-consent", "consent-withdrawn", "consent-refused", "consent-deny",
            "consent-no-matching-permit", "no-relationship", "role-not-permitted", "unknown-role", "unknown-category", "not-ready",
            "stale", "audit-unavailable");

    @TemplateData
    public record HiddenView(String category, String label, String reasons) {
    }

    @TemplateData
    public record HolderCard(String ura, String name, String type, List<String> visible, List<HiddenView> hidden, List<String> because,
            boolean accessRequest, boolean emergencyAccess) {
    }

    @TemplateData
    public record DataItem(String date, String title, String value, String holder, String sortKey) {
    }

    @TemplateData
    public record CategoryGroup(String code, String label, boolean visible, List<DataItem> items, String hiddenBecause) {
    }

    private final Template search;
    private final Template client;
    private final SecurityIdentity identity;
    private final ViewerResource viewer;
    private final Organizations organizations;
    private final EmergencyAccesses emergencies;
    private final RoleCategoryMatrix matrix;
    private final WebConfig config;
    private final ResourceCategories categories;
    private final Duration emergencyValidity;

    public ViewerPageResource(@Location("viewer-search.html") Template search, @Location("viewer-client.html") Template client,
            SecurityIdentity identity, ViewerResource viewer, Organizations organizations, EmergencyAccesses emergencies,
            RoleCategoryMatrix matrix, WebConfig config, FhirConfig fhirConfig, nl.inzage.gateway.config.AccessConfig accessConfig) {
        this.emergencyValidity = accessConfig.emergencyValidity();
        this.search = search;
        this.client = client;
        this.identity = identity;
        this.viewer = viewer;
        this.organizations = organizations;
        this.emergencies = emergencies;
        this.matrix = matrix;
        this.config = config;
        this.categories = new ResourceCategories(fhirConfig.codeCategories(), fhirConfig.typeCategories());
    }

    @GET
    public TemplateInstance form() {
        Practitioner practitioner = practitioner();
        return search.data("practitioner", describe(practitioner)).data("error", null).data("bsn", "");
    }

    /** The lookup form's target: a valid BSN goes to the client's page, anything else back to the form with a message. */
    @GET
    @Path("/zoek")
    public Response find(@QueryParam("bsn") String bsn) {
        Practitioner practitioner = practitioner();
        String given = bsn == null ? "" : bsn.replaceAll("\\s", "");
        if (!Identifiers.isValidBsn(given)) {
            String error = given.matches("[0-9]{9}") ? "Dit BSN klopt niet (de elfproef faalt). Controleer het nummer."
                    : "Vul een BSN in van negen cijfers.";
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(search.data("practitioner", describe(practitioner)).data("error", error)
                            .data("bsn", given.length() > 20 ? given.substring(0, 20) : given).render())
                    .build();
        }
        return Response.seeOther(URI.create("/web/viewer/clienten/" + given)).build();
    }

    @GET
    @Path("/clienten/{bsn}")
    public Uni<TemplateInstance> clientPage(@PathParam("bsn") String bsn, @QueryParam("melding") String message,
            @Context HttpServerRequest request) {
        requireBsn(bsn);
        Practitioner practitioner = practitioner();
        String sourceIp = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        Uni<ViewerResource.Overview> overview = viewer.overview(bsn, request, null, null);
        // One search for all configured types: decided and audited once, then fetched per type and holder.
        Uni<List<JsonNode>> bundles = viewer.searchAll(bsn, config.resourceTypes(), Map.of(), null, sourceIp, null, null)
                .map(list -> list.stream().map(bundle -> (JsonNode) bundle).toList());
        return Uni.combine().all().unis(overview, bundles).asTuple()
                .onFailure().transform(ViewerPageResource::unavailable)
                .map(both -> render(bsn, practitioner, both.getItem1(), both.getItem2(), message));
    }

    @POST
    @Path("/clienten/{bsn}/toegang")
    public Uni<Response> requestAccess(@PathParam("bsn") String bsn, @FormParam("reason") String reason,
            @Context HttpServerRequest request) {
        WebRequests.requireSameOrigin(request);
        requireBsn(bsn);
        practitioner();
        return viewer.requestAccess(bsn, new ViewerResource.ReasonBody(requireReason(reason)), request)
                .onFailure().transform(ViewerPageResource::unavailable)
                .map(ignored -> Response.seeOther(URI.create("/web/viewer/clienten/" + bsn + "?melding=toegang")).build());
    }

    @POST
    @Path("/clienten/{bsn}/noodtoegang")
    public Uni<Response> emergency(@PathParam("bsn") String bsn, @FormParam("reason") String reason,
            @Context HttpServerRequest request) {
        WebRequests.requireSameOrigin(request);
        requireBsn(bsn);
        practitioner();
        return viewer.declareEmergency(bsn, new ViewerResource.ReasonBody(requireReason(reason)), request)
                .onFailure().transform(ViewerPageResource::unavailable)
                .map(ignored -> Response.seeOther(URI.create("/web/viewer/clienten/" + bsn + "?melding=noodtoegang")).build());
    }

    private TemplateInstance render(String bsn, Practitioner practitioner, ViewerResource.Overview overview, List<JsonNode> bundles,
            String message) {
        List<HolderCard> holders = new ArrayList<>();
        boolean anyEmergencyAction = false;
        for (HolderView holder : overview.dataHolders()) {
            List<HiddenView> hidden = holder.hiddenCategories().stream()
                    .map(category -> new HiddenView(category.category(), Labels.category(category.category()), reasons(category.reasons())))
                    .toList();
            boolean accessRequest = holder.actions().stream().anyMatch(action -> "access-request".equals(action.name()));
            boolean emergencyAction = holder.actions().stream().anyMatch(action -> "emergency-access".equals(action.name()));
            anyEmergencyAction |= emergencyAction;
            holders.add(new HolderCard(holder.organization(), organizations.name(holder.organization()),
                    Labels.organizationType(organizations.type(holder.organization())),
                    holder.visibleCategories().stream().map(Labels::category).toList(), hidden,
                    holder.notVisibleBecause().stream().map(Labels::reason).toList(), accessRequest, emergencyAction));
        }
        EmergencyAccess active = emergencies.find(practitioner.uzi(), practitioner.organization(), bsn, Instant.now());
        return client.data("practitioner", describe(practitioner))
                .data("bsn", bsn)
                .data("holders", holders)
                .data("groups", groups(overview, bundles))
                .data("warnings", warnings(bundles))
                .data("message", "toegang".equals(message) || "noodtoegang".equals(message) ? message : null)
                .data("emergency", active == null ? null : Map.of(
                        "until", Labels.time(active.expiresAt()),
                        "untilFull", Labels.dateTime(active.expiresAt()),
                        "minutesLeft", Math.max(0, Duration.between(Instant.now(), active.expiresAt()).toMinutes()),
                        "reason", active.reason() == null ? "" : active.reason()))
                .data("offerEmergency", anyEmergencyAction || active != null)
                .data("validity", emergencyValidity.toMinutes() % 60 == 0 ? emergencyValidity.toHours() + " uur"
                        : emergencyValidity.toMinutes() + " minuten");
    }

    /** The data of every permitted holder by category, and for each category no holder shows, why not. */
    private List<CategoryGroup> groups(ViewerResource.Overview overview, List<JsonNode> bundles) {
        List<CategoryGroup> groups = new ArrayList<>();
        for (String category : DataCategories.ALL) {
            boolean visible = overview.dataHolders().stream().anyMatch(holder -> holder.visibleCategories().contains(category));
            List<DataItem> items = new ArrayList<>();
            if (visible) {
                for (JsonNode bundle : bundles) {
                    for (JsonNode entry : bundle.path("entry")) {
                        JsonNode resource = entry.path("resource");
                        if ("match".equals(entry.path("search").path("mode").asText()) && category.equals(categories.of(resource))) {
                            items.add(item(resource));
                        }
                    }
                }
                items.sort(java.util.Comparator.comparing(DataItem::sortKey).reversed());
            }
            Set<String> because = new LinkedHashSet<>();
            if (!visible) {
                for (HolderView holder : overview.dataHolders()) {
                    holder.hiddenCategories().stream().filter(hidden -> hidden.category().equals(category))
                            .forEach(hidden -> hidden.reasons().stream().filter(HIDING::contains).forEach(because::add));
                }
            }
            String hiddenBecause = because.contains("role-not-permitted") ? Labels.reason("role-not-permitted")
                    : String.join("; ", because.stream().map(Labels::reason).toList());
            groups.add(new CategoryGroup(category, Labels.category(category), visible, items,
                    visible ? null : hiddenBecause.isEmpty() ? "geen organisatie deelt deze gegevens met u" : hiddenBecause));
        }
        return groups;
    }

    private DataItem item(JsonNode resource) {
        String date = first(resource, "effectiveDateTime", "recordedDate", "authoredOn");
        if (date == null) {
            date = resource.path("period").path("start").asText(null);
        }
        String title = resource.path("code").path("text").asText(null);
        if (title == null) {
            title = resource.path("code").path("coding").path(0).path("display").asText(null);
        }
        if (title == null) {
            title = first(resource, "title");
        }
        if (title == null) {
            title = resource.path("medicationCodeableConcept").path("text").asText(null);
        }
        String value;
        JsonNode quantity = resource.path("valueQuantity");
        if (quantity.has("value")) {
            value = quantity.path("value").asText() + " " + quantity.path("unit").asText("");
        } else {
            value = first(resource, "valueString", "description");
            if (value == null) {
                value = resource.path("valueCodeableConcept").path("text").asText("");
            }
        }
        String holder = null;
        for (JsonNode tag : resource.path("meta").path("tag")) {
            if (NamingSystems.URA.equals(tag.path("system").asText())) {
                holder = tag.path("code").asText();
            }
        }
        return new DataItem(Labels.date(date), title == null ? resource.path("resourceType").asText() : title, value.strip(),
                holder == null ? "" : organizations.name(holder), date == null ? "" : date);
    }

    private List<String> warnings(List<JsonNode> bundles) {
        Set<String> warnings = new LinkedHashSet<>();
        for (JsonNode bundle : bundles) {
            for (JsonNode entry : bundle.path("entry")) {
                if ("outcome".equals(entry.path("search").path("mode").asText())) {
                    String text = entry.path("resource").path("issue").path(0).path("diagnostics").asText("");
                    String holder = text.replaceAll("^Data holder ([0-9]{8}).*$", "$1");
                    warnings.add("De gegevens van " + (holder.matches("[0-9]{8}") ? organizations.name(holder) : "een organisatie")
                            + " konden nu niet worden opgehaald; ze ontbreken hieronder.");
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static String first(JsonNode resource, String... fields) {
        for (String field : fields) {
            if (resource.hasNonNull(field)) {
                return resource.get(field).asText();
            }
        }
        return null;
    }

    private static String reasons(List<String> codes) {
        return String.join("; ", codes.stream().filter(HIDING::contains).map(Labels::reason).toList());
    }

    private Practitioner practitioner() {
        try {
            return Practitioner.of(identity, matrix.categoriesByRole().keySet());
        } catch (ProblemException e) {
            throw new WebProblem(403, "De viewer is voor zorgverleners. U bent ingelogd zonder zorgverlenersrol.");
        }
    }

    private Map<String, String> describe(Practitioner practitioner) {
        return Map.of("name", practitioner.name() == null ? practitioner.uzi() : practitioner.name(),
                "role", Labels.role(practitioner.role()),
                "organization", organizations.describe(practitioner.organization()));
    }

    private static void requireBsn(String bsn) {
        if (!Identifiers.isValidBsn(bsn)) {
            throw new WebProblem(400, "Dit is geen geldig BSN (negen cijfers die de elfproef doorstaan).");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new WebProblem(400, "Vul een reden in.");
        }
        if (reason.length() > MAX_REASON) {
            throw new WebProblem(400, "De reden mag hoogstens " + MAX_REASON + " tekens lang zijn.");
        }
        return reason.strip();
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof WebProblem problem) {
            return problem;
        }
        if (failure instanceof ProblemException problem) {
            int status = problem.toProblem().status();
            LOG.warnf("viewer page: %d %s", status, problem.toProblem().title());
            return new WebProblem(status, status == 503
                    ? "Dit kan nu niet: een onderdeel is niet bereikbaar of het logboek is niet beschikbaar. Probeer het zo opnieuw."
                    : "Dit kon niet worden uitgevoerd (" + problem.toProblem().title() + ").");
        }
        LOG.warnf("viewer page failed: %s", failure.getClass().getSimpleName());
        return new WebProblem(503, "Dit kan nu niet. Probeer het zo opnieuw.");
    }
}
