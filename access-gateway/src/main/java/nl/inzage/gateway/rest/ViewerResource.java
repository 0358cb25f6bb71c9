package nl.inzage.gateway.rest;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.inzage.gateway.config.FhirConfig;
import nl.inzage.gateway.fhir.DataHolderSearch;
import nl.inzage.gateway.messaging.EmergencyAccessChannel;
import nl.inzage.gateway.fhir.MergedBundle;
import nl.inzage.gateway.fhir.ResourceCategories;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import nl.inzage.gateway.client.AccessRequests;
import nl.inzage.gateway.config.AccessConfig;
import nl.inzage.gateway.decision.EmergencyAccess;
import nl.inzage.gateway.decision.Reason;
import nl.inzage.gateway.projection.EmergencyAccesses;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.gateway.DecisionService;
import nl.inzage.gateway.audit.AuditRecords;
import nl.inzage.gateway.audit.AuditTrail;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.RequiredRevisions;
import nl.inzage.gateway.decision.RoleCategoryMatrix;
import nl.inzage.gateway.projection.ConsentProjection;

/** The practitioner's view of a client: per data holder, what she may see or why not. */
@Path("/viewer/patients")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ViewerResource {

    public record Overview(String patient, List<HolderView> dataHolders) {
    }

    /**
     * One data holder: what this practitioner may see, and if not everything, why not and what she can do about it.
     *
     * @param notVisibleBecause the consent and relationship reasons that hide categories (no consent, refused, withdrawn,
     *                          no relationship, ...), without the role matrix, which no action can change
     * @param actions           what the practitioner may do: request access (declares a treatment relationship) when the
     *                          relationship is what is missing, emergency access when that or a consent choice is missing
     */
    public record HolderView(String organization, List<String> visibleCategories, List<HiddenCategory> hiddenCategories,
            List<String> notVisibleBecause, List<Action> actions) {
    }

    /** A follow-up the viewer can offer, as a link. */
    public record Action(String name, String method, String href) {
    }

    public record HiddenCategory(String category, List<String> reasons) {
    }

    public static final String FHIR_JSON = "application/fhir+json";
    private static final int MAX_REASON = 1000;
    private static final java.util.Set<String> ROLE_REASONS = java.util.Set.of(Reason.ROLE_PERMITS_CATEGORY.code(),
            Reason.ROLE_NOT_PERMITTED.code(), Reason.UNKNOWN_ROLE.code(), Reason.UNKNOWN_CATEGORY.code());
    private static final java.util.Set<String> PERMIT_REASONS = java.util.Set.of(Reason.CONSENT_PERMIT.code(),
            Reason.RELATIONSHIP.code(), Reason.EMERGENCY_ACCESS.code());

    private final DecisionService decisions;
    private final ConsentProjection consents;
    private final RoleCategoryMatrix matrix;
    private final AuditTrail audit;
    private final SecurityIdentity identity;
    private final AccessRequests accessRequests;
    private final EmergencyAccesses emergencies;
    private final AccessConfig config;
    private final DataHolderSearch dataHolders;
    private final EmergencyAccessChannel emergencyChannel;
    private final ResourceCategories resourceCategories;
    private final ObjectMapper mapper;

    public ViewerResource(DecisionService decisions, ConsentProjection consents, RoleCategoryMatrix matrix,
            AuditTrail audit, SecurityIdentity identity, AccessRequests accessRequests, EmergencyAccesses emergencies,
            AccessConfig config, DataHolderSearch dataHolders, FhirConfig fhirConfig, ObjectMapper mapper,
            EmergencyAccessChannel emergencyChannel) {
        this.emergencyChannel = emergencyChannel;
        this.dataHolders = dataHolders;
        this.resourceCategories = new ResourceCategories(fhirConfig.codeCategories(), fhirConfig.typeCategories());
        this.mapper = mapper;
        this.accessRequests = accessRequests;
        this.emergencies = emergencies;
        this.config = config;
        this.decisions = decisions;
        this.consents = consents;
        this.matrix = matrix;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Path("/{bsn}")
    public Uni<Overview> overview(@PathParam("bsn") String bsn, @Context HttpServerRequest http,
            @HeaderParam(RevisionHeaders.CONSENT) String consentRevision,
            @HeaderParam(RevisionHeaders.RELATIONSHIP) String relationshipRevision) {
        requireBsn(bsn);
        Practitioner practitioner = Practitioner.of(identity, matrix.categoriesByRole().keySet());
        RequiredRevisions required = RevisionHeaders.read(consentRevision, relationshipRevision);
        String sourceIp = sourceIp(http);
        return overviewOf(bsn, practitioner, required, sourceIp)
                // Nothing about the client leaves before every decision behind it is in the audit log.
                .call(decided -> logged(decided.records()))
                .map(Decided::overview);
    }

    /**
     * The body of an access request or an emergency access: the practitioner's reason, required, and nothing else
     * (read strictly, {@link StrictBody}): identity comes from the token only, so an identity member in the body is
     * refused rather than silently dropped.
     */
    public record ReasonBody(String reason) {
    }

    public record AccessRequestAnswer(JsonNode relationship, long revision) {
    }

    public record EmergencyAccessAnswer(String id, String patient, String practitioner, String organization, String reason,
            Instant grantedAt, Instant expiresAt) {
    }

    /**
     * "Toegang vragen": declares a treatment relationship of the practitioner's organisation with
     * the client at relationship-service, then waits (bounded) until this gateway's projection has
     * it, so the next request sees it. The revision is returned for freshness on demand as well.
     */
    @POST
    @Path("/{bsn}/access-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictBody.class)
    public Uni<Response> requestAccess(@PathParam("bsn") String bsn, ReasonBody body, @Context HttpServerRequest http) {
        requireBsn(bsn);
        String reason = requireReason(body);
        Practitioner practitioner = Practitioner.of(identity, matrix.categoriesByRole().keySet());
        return accessRequests.register(bsn, practitioner, reason)
                .call(registered -> decisions.reach(new RequiredRevisions(0, registered.revision()), config.accessRequestWait()))
                .invoke(registered -> audit.offer(AuditRecords.accessRequest(bsn, registered.relationship().path("id").asText(null),
                        practitioner, sourceIp(http))))
                .map(registered -> Response.status(registered.created() ? 201 : 200)
                        .header(RevisionHeaders.RELATIONSHIP, registered.revision())
                        .entity(new AccessRequestAnswer(registered.relationship(), registered.revision()))
                        .build());
    }

    /**
     * Break-the-glass: with a mandatory reason, for the configured time, for this practitioner and
     * client. The grant is in the audit log (flagged, with the reason) before it takes effect.
     */
    @POST
    @Path("/{bsn}/emergency-access")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictBody.class)
    public Uni<Response> declareEmergency(@PathParam("bsn") String bsn, ReasonBody body, @Context HttpServerRequest http) {
        requireBsn(bsn);
        String reason = requireReason(body);
        Practitioner practitioner = Practitioner.of(identity, matrix.categoriesByRole().keySet());
        Instant now = Instant.now();
        EmergencyAccess access = new EmergencyAccess(UUID.randomUUID().toString(), practitioner.uzi(), practitioner.organization(),
                bsn, reason, now, now.plus(config.emergencyValidity()));
        return audit.record(AuditRecords.emergencyGrant(access, practitioner, sourceIp(http)))
                .onFailure().transform(failure -> new ProblemException(503, "Audit log unavailable",
                        "The emergency access could not be logged, so it is not granted. Try again shortly."))
                // Shared with every replica; held here at once, so this replica's next request sees it.
                .call(() -> emergencyChannel.publish(access)
                        .onFailure().transform(failure -> new ProblemException(503, "Emergency access not shared",
                                "The emergency access could not be shared with every gateway replica, so it is not granted. Try again shortly.")))
                .invoke(() -> emergencies.apply(access))
                .map(logged -> Response.status(201).entity(new EmergencyAccessAnswer(access.id(), bsn, access.practitionerUzi(),
                        access.organization(), reason, access.grantedAt(), access.expiresAt())).build());
    }

    /**
     * One FHIR search across every permitted data holder: decided and audited first (nothing is
     * fetched before Kafka has acknowledged the audit records), then fetched in parallel from the
     * holders with at least one visible category, merged and filtered by category.
     */
    @GET
    @Path("/{bsn}/fhir/{type}")
    @Produces({FHIR_JSON, MediaType.APPLICATION_JSON})
    public Uni<Response> search(@PathParam("bsn") String bsn, @PathParam("type") String type, @Context UriInfo uri,
            @Context HttpServerRequest http,
            @HeaderParam(RevisionHeaders.CONSENT) String consentRevision,
            @HeaderParam(RevisionHeaders.RELATIONSHIP) String relationshipRevision) {
        String rawQuery = uri.getRequestUri().getRawQuery();
        return searchAll(bsn, List.of(type), uri.getQueryParameters(), rawQuery, sourceIp(http), consentRevision, relationshipRevision)
                .map(bundles -> Response.ok(bundles.get(0)).type(FHIR_JSON).build());
    }

    /**
     * The FHIR search of {@link #search} for callers inside the gateway (the web pages), for one or
     * more resource types at once: decided and audited once for all of them, then one merged
     * searchset Bundle per type, in the order of {@code types}.
     */
    public Uni<List<com.fasterxml.jackson.databind.node.ObjectNode>> searchAll(String bsn, List<String> types,
            Map<String, List<String>> parameters, String rawQuery, String sourceIp, String consentRevision, String relationshipRevision) {
        requireBsn(bsn);
        if (types.isEmpty() || types.stream().anyMatch(type -> !type.matches("[A-Z][A-Za-z]{1,63}"))) {
            throw ProblemException.badRequest("The resource type must be a FHIR resource type name, e.g. Observation.");
        }
        Practitioner practitioner = Practitioner.of(identity, matrix.categoriesByRole().keySet());
        RequiredRevisions required = RevisionHeaders.read(consentRevision, relationshipRevision);
        String query = String.join(",", types) + (rawQuery == null ? "" : "?" + rawQuery);
        String requestId = UUID.randomUUID().toString();
        List<AccessRequest> requests = new ArrayList<>();
        for (String holder : new TreeSet<>(dataHolders.holders())) {
            for (String category : DataCategories.ALL) {
                requests.add(new AccessRequest(practitioner.uzi(), practitioner.organization(), practitioner.organizationType(),
                        practitioner.role(), bsn, holder, category, "TREAT"));
            }
        }
        return decisions.decideAll(requests, Collections.nCopies(requests.size(), required)).map(decided -> {
                    Map<String, Set<String>> visible = new TreeMap<>();
                    List<AccessDecided> records = new ArrayList<>();
                    for (int i = 0; i < requests.size(); i++) {
                        AccessRequest request = requests.get(i);
                        Decision decision = decided.get(i);
                        records.add(AuditRecords.of(request, decision, requestId, "search", query, practitioner.name(), sourceIp));
                        if (decision.permit()) {
                            visible.computeIfAbsent(request.dataHolderUra(), ignored -> new HashSet<>()).add(request.dataCategory());
                        }
                    }
                    return new Searched(visible, records);
                })
                .call(searched -> logged(searched.records()))
                .chain(searched -> Uni.join().all(types.stream()
                                .map(type -> fetch(searched.visible(), type, parameters, bsn)
                                        .map(answers -> MergedBundle.of(answers, searched.visible(), resourceCategories, mapper)))
                                .toList())
                        .andFailFast());
    }

    private record Searched(Map<String, Set<String>> visible, List<AccessDecided> records) {
    }

    private Uni<List<DataHolderSearch.Answer>> fetch(Map<String, Set<String>> visible, String type,
            Map<String, List<String>> query, String bsn) {
        if (visible.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // A holder without any permitted category is never called.
        return Uni.join().all(visible.keySet().stream().map(holder -> dataHolders.search(holder, type, query, bsn)).toList())
                .andCollectFailures();
    }

    /** Completes once Kafka has acknowledged every record; else a 503 and nothing about the client leaves. */
    private Uni<Void> logged(List<AccessDecided> records) {
        return Uni.join().all(records.stream().map(audit::record).toList()).usingConcurrencyOf(64).andFailFast()
                .onFailure().transform(failure -> new ProblemException(503, "Audit log unavailable",
                        "The access could not be logged, so no data is shown. Try again shortly."))
                .replaceWithVoid();
    }

    private static HolderView holderView(String bsn, String holder, List<String> visible, List<HiddenCategory> hidden) {
        List<String> because = hidden.stream().flatMap(category -> category.reasons().stream())
                .filter(reason -> !ROLE_REASONS.contains(reason) && !PERMIT_REASONS.contains(reason))
                .distinct().toList();
        List<Action> actions = new ArrayList<>(2);
        // Nothing a practitioner does can open a record the client refused or withdrew.
        boolean clientSaidNo = because.contains(Reason.CONSENT_REFUSED.code()) || because.contains(Reason.CONSENT_WITHDRAWN.code());
        if (clientSaidNo) {
            return new HolderView(holder, visible, hidden, because, actions);
        }
        if (because.contains(Reason.NO_RELATIONSHIP.code())) {
            actions.add(new Action("access-request", "POST", "/viewer/patients/" + bsn + "/access-request"));
        }
        if (because.contains(Reason.NO_RELATIONSHIP.code()) || because.contains(Reason.NO_CONSENT.code())) {
            actions.add(new Action("emergency-access", "POST", "/viewer/patients/" + bsn + "/emergency-access"));
        }
        return new HolderView(holder, visible, hidden, because, actions);
    }

    private static void requireBsn(String bsn) {
        if (!Identifiers.isValidBsn(bsn)) {
            throw ProblemException.badRequest("The client must be given by a valid BSN (nine digits passing the 11-test).");
        }
    }

    private static String requireReason(ReasonBody body) {
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw ProblemException.badRequest("A reason is required.");
        }
        if (body.reason().length() > MAX_REASON) {
            throw ProblemException.badRequest("The reason may be at most " + MAX_REASON + " characters.");
        }
        // relationship-service refuses NUL (PostgreSQL text cannot hold it), and the reason goes to the audit log as well:
        // refused here, before anything is forwarded or logged.
        if (body.reason().indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("The reason must not contain a NUL character.");
        }
        return body.reason().strip();
    }

    private static String sourceIp(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    private record Decided(Overview overview, List<AccessDecided> records) {
    }

    /**
     * Every category at every data holder where the client has a choice, and at the holders that
     * keep her choices at Mitz (asked there when she has none here).
     */
    private Uni<Decided> overviewOf(String bsn, Practitioner practitioner, RequiredRevisions required, String sourceIp) {
        String requestId = UUID.randomUUID().toString();
        Set<String> holders = new TreeSet<>(consents.forPatient(bsn).keySet());
        holders.addAll(decisions.mitzHolders());
        List<AccessRequest> requests = new ArrayList<>();
        for (String holder : holders) {
            for (String category : DataCategories.ALL) {
                requests.add(new AccessRequest(practitioner.uzi(), practitioner.organization(), practitioner.organizationType(),
                        practitioner.role(), bsn, holder, category, "TREAT"));
            }
        }
        return decisions.decideAll(requests, Collections.nCopies(requests.size(), required)).map(decided -> {
            Map<String, List<String>> visible = new TreeMap<>();
            Map<String, List<HiddenCategory>> hidden = new TreeMap<>();
            List<AccessDecided> records = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                AccessRequest request = requests.get(i);
                Decision decision = decided.get(i);
                records.add(AuditRecords.of(request, decision, requestId, "overview", null, practitioner.name(), sourceIp));
                visible.computeIfAbsent(request.dataHolderUra(), holder -> new ArrayList<>());
                hidden.computeIfAbsent(request.dataHolderUra(), holder -> new ArrayList<>());
                if (decision.permit()) {
                    visible.get(request.dataHolderUra()).add(request.dataCategory());
                } else {
                    hidden.get(request.dataHolderUra()).add(new HiddenCategory(request.dataCategory(), decision.reasonCodes()));
                }
            }
            List<HolderView> views = holders.stream().map(holder -> holderView(bsn, holder, visible.get(holder), hidden.get(holder)))
                    .toList();
            return new Decided(new Overview(bsn, views), records);
        });
    }
}
