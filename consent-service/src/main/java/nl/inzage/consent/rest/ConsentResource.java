package nl.inzage.consent.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.inzage.consent.Caller;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.ConsentQuery;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.FhirBundles;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.Roles;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** FHIR R4 REST interface of the register: {@code /fhir/Consent}. */
@Path("/fhir/Consent")
@Produces(FhirMediaTypes.FHIR_JSON)
public class ConsentResource {

    static final String REVISION_HEADER = "X-Consent-Revision";
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?([0-9]{1,9})\"?$");

    private final ConsentService service;
    private final ConsentReader reader;
    private final FhirBundles bundles;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentService service, ConsentReader reader, FhirBundles bundles, SecurityIdentity identity) {
        this.service = service;
        this.reader = reader;
        this.bundles = bundles;
        this.identity = identity;
    }

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.SOURCE_SYSTEM)
    public Uni<Response> create(@HeaderParam("If-None-Exist") String ifNoneExist, String body) {
        Consent consent = readForWrite(body);
        if (consent.hasIdElement() && consent.getIdElement().hasIdPart()) {
            throw FhirProblem.invalid("A Consent to create must not carry an id: the server assigns it.");
        }
        reader.requireInformedConsent(consent);
        Caller caller = Caller.of(identity);
        ConsentFacts facts = reader.facts(consent);
        if (ifNoneExist == null) {
            return service.create(consent, facts, caller, caller.origin())
                    .map(stored -> withVersionHeaders(Response.created(historyUri(stored)), stored).build());
        }
        // Conditional create: 201 when created, 200 with the consent that matched when one did (nothing written).
        ConsentQuery criteria = ownOrganization(SearchParameters.criteria(ifNoneExist), caller);
        if (!criteria.patientBsn().equals(facts.patientBsn())) {
            throw FhirProblem.invalid("If-None-Exist must name the client of the Consent sent (patient:identifier).");
        }
        return service.createUnlessMatching(criteria, consent, facts, caller, caller.origin())
                .map(written -> written.created()
                        ? withVersionHeaders(Response.created(historyUri(written.consent())), written.consent()).build()
                        : withVersionHeaders(Response.ok(), written.consent())
                                .header("Content-Location", historyUri(written.consent()).toString()).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT})
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        requireId(id);
        Integer expectedVersion = ifMatch == null ? null : version(ifMatch);
        Consent consent = readForWrite(body);
        if (!id.equals(consent.getIdElement().getIdPart())) {
            throw FhirProblem.invalid("Consent.id in the body must equal the id in the URL ('" + id + "').");
        }
        Caller caller = Caller.of(identity);
        if (caller.sourceSystem()) {
            reader.requireInformedConsent(consent);
        }
        ConsentFacts facts = reader.facts(consent);
        return service.update(id, expectedVersion, consent, facts, caller, caller.origin())
                .map(stored -> withVersionHeaders(Response.ok(), stored)
                        .header("Content-Location", historyUri(stored).toString())
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> read(@PathParam("id") String id) {
        requireId(id);
        return service.read(id, Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
    }

    @GET
    @Path("/{id}/_history/{vid}")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<Response> readVersion(@PathParam("id") String id, @PathParam("vid") String vid) {
        requireId(id);
        return service.readVersion(id, version(vid), Caller.of(identity))
                .map(stored -> withVersionHeaders(Response.ok(), stored).build());
    }

    @GET
    @Path("/{id}/_history")
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<String> history(@PathParam("id") String id, @Context UriInfo uri) {
        requireId(id);
        return service.history(id, Caller.of(identity)).map(versions -> bundles.history(versions, base(uri)));
    }

    /**
     * Source systems see the consents their organisation holds, clients only their own, service
     * accounts all. A filter outside that is refused, not silently narrowed.
     */
    @GET
    @RolesAllowed({Roles.SOURCE_SYSTEM, Roles.CLIENT, Roles.SERVICE})
    public Uni<String> search(@Context UriInfo uri) {
        ConsentQuery query = SearchParameters.read(uri.getQueryParameters());
        Caller caller = Caller.of(identity);
        if (caller.client() && !caller.service() && !caller.bsn().equals(query.patientBsn())) {
            throw FhirProblem.forbidden("As a client you may search only your own consents: give patient:identifier with your BSN.");
        }
        if (caller.sourceSystem() && !caller.service()) {
            query = ownOrganization(query, caller);
        }
        ConsentQuery effective = query;
        String selfQuery = uri.getQueryParameters().entrySet().stream()
                .filter(e -> !e.getKey().equals("_offset") && !e.getKey().equals("_count"))
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&"));
        return service.search(effective)
                .map(page -> bundles.searchset(page, base(uri), selfQuery, effective.count(), effective.offset()));
    }

    /** A source system's search narrowed to the consents its own organisation holds; naming another is refused. */
    private static ConsentQuery ownOrganization(ConsentQuery query, Caller caller) {
        if (query.custodianUra() != null && !query.custodianUra().equals(caller.ura())) {
            throw FhirProblem.forbidden("A source system may search only the consents its own organisation holds.");
        }
        return new ConsentQuery(query.patientBsn(), caller.ura(), query.statuses(), query.updatedFrom(), query.fromInclusive(),
                query.updatedTo(), query.toInclusive(), query.count(), query.offset());
    }

    @DELETE
    @Path("/{id}")
    @PermitAll
    public Response delete(@PathParam("id") String id) {
        throw new FhirProblem(405, IssueType.NOTSUPPORTED, "Consents are never deleted (20-year retention)."
                + " To withdraw a consent, PUT a new version with status 'inactive'; a refusal is status 'rejected'.");
    }

    private Consent readForWrite(String body) {
        if (body != null && body.length() > MAX_BODY_BYTES / 4 && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new FhirProblem(413, IssueType.TOOLONG, "The body is larger than 1 MiB; a Consent is far smaller.");
        }
        Consent consent = reader.parse(body);
        reader.requireValidR4(consent);
        return consent;
    }

    private static void requireId(String id) {
        if (!ConsentReader.isValidId(id)) {
            throw FhirProblem.invalid("'" + id.replaceAll("[^A-Za-z0-9\\-.]", "?") + "' is not a valid resource id.");
        }
    }

    private static int version(String tag) {
        Matcher matcher = ETAG.matcher(tag.trim());
        if (!matcher.matches()) {
            throw FhirProblem.invalid("A version must look like W/\"3\" (If-Match) or 3 (_history); got '" + tag + "'.");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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
