package nl.inzage.relationship.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import nl.inzage.contracts.Roles;
import nl.inzage.relationship.Caller;
import nl.inzage.relationship.CreatedOrFound;
import nl.inzage.relationship.RelationshipEnd;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipQuery;
import nl.inzage.relationship.RelationshipRules;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.Today;
import nl.inzage.relationship.config.RelationshipConfig;
import nl.inzage.relationship.service.RelationshipService;

/** REST interface of the register: {@code /relationships}. */
@Path("/relationships")
@Produces(MediaType.APPLICATION_JSON)
public class RelationshipResource {

    static final String REVISION_HEADER = "X-Relationship-Revision";
    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final RelationshipService service;
    private final RelationshipRequestReader reader;
    private final SecurityIdentity identity;
    private final Today today;
    private final RelationshipConfig config;

    public RelationshipResource(RelationshipService service, RelationshipRequestReader reader, SecurityIdentity identity,
            Today today, RelationshipConfig config) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
        this.today = today;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SOURCE_SYSTEM)
    public Uni<Response> register(@HeaderParam(RelationshipQuery.CRITERIA) String ifNoneExist, String body) {
        RelationshipFacts facts = RelationshipRules.check(reader.read(body));
        if (ifNoneExist == null) {
            return service.register(facts, Caller.of(identity))
                    .map(stored -> withVersionHeaders(Response.created(location(stored)), stored).build());
        }
        // Conditional: 201 when created, 200 with the relationship that matched when one did (nothing written).
        RelationshipQuery criteria = RelationshipQuery.ofCriteria(ifNoneExist);
        if (!criteria.patientBsn().equals(facts.patientBsn())) {
            throw RelationshipProblem.invalid(RelationshipQuery.CRITERIA, "If-None-Exist must name the client of the relationship sent (patient).");
        }
        return service.registerUnlessMatching(criteria, facts, Caller.of(identity))
                .map(RelationshipResource::createdOrFound);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> read(@PathParam("id") String id) {
        requireId(id);
        return service.read(id, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
    }

    /** A JSON array of relationships in their current version, oldest start first. */
    @GET
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> search(@QueryParam(RelationshipQuery.PATIENT) String patient,
            @QueryParam(RelationshipQuery.ORGANIZATION) String organization, @QueryParam(RelationshipQuery.ACTIVE) String active) {
        RelationshipQuery query = RelationshipQuery.of(patient, organization, active);
        return service.search(query, Caller.of(identity))
                .map(found -> Response.ok(found.stream().map(RelationshipJson::of).toList()).type(MediaType.APPLICATION_JSON).build());
    }

    /** Ends a relationship: body {@code {"end": "<date>", "reason": "<text>"}}; answers the new version. */
    @POST
    @Path("/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> end(@PathParam("id") String id, String body) {
        requireId(id);
        RelationshipEnd end = RelationshipRules.checkEnd(reader.readEnd(body));
        return service.end(id, end, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
    }

    /**
     * The gateway records a practitioner's access request: 201 with a new {@code access-request}
     * relationship, or 200 with the one already in force for this client and organisation.
     */
    @POST
    @Path("/access-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE)
    public Uni<Response> requestAccess(String body) {
        RelationshipFacts facts = RelationshipRules.checkAccessRequest(reader.readAccessRequest(body), today.date(),
                config.accessRequestValidity());
        return service.requestAccess(facts, Caller.of(identity))
                .map(RelationshipResource::createdOrFound);
    }

    private static Response createdOrFound(CreatedOrFound written) {
        return withVersionHeaders(written.created()
                ? Response.created(location(written.relationship()))
                : Response.ok().location(location(written.relationship())), written.relationship()).build();
    }

    /** Relationship ids are UUIDs: anything else (a NUL byte, 5000 characters) is not looked up, nor echoed back. */
    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw RelationshipProblem.notFound("No relationship with that id.");
        }
    }

    private static Response.ResponseBuilder withVersionHeaders(Response.ResponseBuilder builder, StoredRelationship stored) {
        return builder.entity(RelationshipJson.of(stored))
                .type(MediaType.APPLICATION_JSON)
                .header("ETag", "W/\"" + stored.version() + "\"")
                .header(REVISION_HEADER, stored.revision());
    }

    private static URI location(StoredRelationship stored) {
        return URI.create("/relationships/" + stored.id());
    }
}
