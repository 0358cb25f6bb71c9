package nl.inzage.consent.rest;

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
import nl.inzage.consent.Caller;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.Roles;
import org.hl7.fhir.r4.model.Consent;

/** FHIR R4 REST interface of the register: {@code /fhir/Consent}. */
@Path("/fhir/Consent")
@Produces(FhirMediaTypes.FHIR_JSON)
public class ConsentResource {

    static final String REVISION_HEADER = "X-Consent-Revision";

    private final ConsentService service;
    private final ConsentReader reader;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentService service, ConsentReader reader, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.identity = identity;
    }

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SOURCE_SYSTEM)
    public Uni<Response> create(String body) {
        Consent consent = reader.parse(body);
        return service.create(consent, reader.facts(consent), Caller.of(identity), "source-system")
                .map(stored -> withVersionHeaders(Response.created(historyUri(stored)), stored).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> read(@PathParam("id") String id) {
        return service.read(id, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
    }

    private static Response.ResponseBuilder withVersionHeaders(Response.ResponseBuilder builder, StoredConsent stored) {
        return builder.entity(stored.resource())
                .type(FhirMediaTypes.FHIR_JSON)
                .header("ETag", "W/\"" + stored.version() + "\"")
                .header(REVISION_HEADER, stored.revision());
    }

    private static URI historyUri(StoredConsent stored) {
        return URI.create("/fhir/Consent/" + stored.id() + "/_history/" + stored.version());
    }
}
