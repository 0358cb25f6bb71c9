package nl.inzage.relationship.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import nl.inzage.contracts.Roles;
import nl.inzage.relationship.Caller;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipRules;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.service.RelationshipService;

/** REST interface of the register: {@code /relationships}. */
@Path("/relationships")
@Produces(MediaType.APPLICATION_JSON)
public class RelationshipResource {

    static final String REVISION_HEADER = "X-Relationship-Revision";

    private final RelationshipService service;
    private final RelationshipRequestReader reader;
    private final SecurityIdentity identity;

    public RelationshipResource(RelationshipService service, RelationshipRequestReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SOURCE_SYSTEM)
    public Uni<Response> register(String body) {
        RelationshipFacts facts = RelationshipRules.check(reader.read(body));
        return service.register(facts, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.created(location(stored)), stored).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> read(@PathParam("id") String id) {
        return service.read(id, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
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
