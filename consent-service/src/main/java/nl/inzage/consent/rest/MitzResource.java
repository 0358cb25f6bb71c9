package nl.inzage.consent.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import nl.inzage.consent.Caller;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.OperationOutcomes;
import nl.inzage.consent.mitz.ClosedQuestion;
import nl.inzage.consent.mitz.MitzClosedQuestions;
import nl.inzage.consent.mitz.MitzConfig;
import nl.inzage.consent.mitz.MitzConsentReader;
import nl.inzage.consent.mitz.MitzConsents;
import nl.inzage.consent.mitz.MitzNotificationService;
import nl.inzage.consent.mitz.MitzNotificationService.Applied;
import nl.inzage.consent.mitz.MitzUnavailable;
import nl.inzage.security.RefusalLog;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Roles;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;

/**
 * The product's side of Mitz (README "Connecting to Mitz"): the rest-hook Mitz pushes notifications
 * to, the Dossierhoudersknop for source systems, and the closed question for the gateway.
 */
@Path("/mitz")
public class MitzResource {

    private static final Logger LOG = Logger.getLogger(MitzResource.class);
    private static final List<String> XML = List.of("application/fhir+xml", "application/xml", "text/xml");

    private final MitzConfig config;
    private final MitzConsentReader mitzReader;
    private final MitzNotificationService notifications;
    private final MitzConsents mitzConsents;
    private final MitzClosedQuestions closedQuestions;
    private final ConsentReader reader;
    private final OperationOutcomes outcomes;
    private final SecurityIdentity identity;

    public MitzResource(MitzConfig config, MitzConsentReader mitzReader, MitzNotificationService notifications, MitzConsents mitzConsents,
            MitzClosedQuestions closedQuestions, ConsentReader reader, OperationOutcomes outcomes, SecurityIdentity identity) {
        this.config = config;
        this.mitzReader = mitzReader;
        this.notifications = notifications;
        this.mitzConsents = mitzConsents;
        this.closedQuestions = closedQuestions;
        this.reader = reader;
        this.outcomes = outcomes;
        this.identity = identity;
    }

    /**
     * Mitz's rest-hook. Authenticated by the configured shared token (mutual TLS in production);
     * the whole Bundle is validated before anything is stored.
     */
    @POST
    @Path("/notifications")
    @PermitAll
    @Consumes({"application/fhir+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML, FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Produces(FhirMediaTypes.FHIR_JSON)
    public Uni<Response> notification(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, HttpHeaders headers, String body) {
        if (!config.enabled()) {
            throw new FhirProblem(503, IssueType.TRANSIENT, "The Mitz connection is switched off here (inzage.mitz.enabled).");
        }
        if (!authentic(headers.getHeaderString(config.notificationHeader()))) {
            RefusalLog.unauthenticated("POST /mitz/notifications without the shared token");
            throw new FhirProblem(401, IssueType.SECURITY, "Notifications need the shared token in header " + config.notificationHeader() + ".");
        }
        if (body != null && body.length() > ConsentResource.MAX_BODY_BYTES / 4
                && body.getBytes(StandardCharsets.UTF_8).length > ConsentResource.MAX_BODY_BYTES) {
            throw new FhirProblem(413, IssueType.TOOLONG, "The notification is larger than 1 MiB.");
        }
        boolean xml = contentType != null && XML.stream().anyMatch(type -> contentType.toLowerCase().startsWith(type));
        var read = mitzReader.read(body, xml);
        return notifications.apply(read).map(applied -> {
            long stored = applied.stream().filter(Applied::stored).count();
            LOG.infof("Mitz notification: %d consent(s) stored, %d not newer than what is held", stored, applied.size() - stored);
            return Response.ok(outcomes.information(stored + " consent(s) stored, " + (applied.size() - stored)
                    + " already held at this or a newer time")).type(FhirMediaTypes.FHIR_JSON).build();
        });
    }

    /** The Dossierhoudersknop: consent for the source system's own organisation, stored and forwarded to Mitz. */
    @POST
    @Path("/dossierhoudersknop")
    @RolesAllowed(Roles.SOURCE_SYSTEM)
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Produces(FhirMediaTypes.FHIR_JSON)
    public Uni<Response> dossierhoudersknop(String body) {
        if (!config.enabled()) {
            throw new FhirProblem(503, IssueType.TRANSIENT, "The Mitz connection is switched off here (inzage.mitz.enabled).");
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > ConsentResource.MAX_BODY_BYTES) {
            throw new FhirProblem(413, IssueType.TOOLONG, "The body is larger than 1 MiB; a Consent is far smaller.");
        }
        Consent consent = reader.parse(body);
        reader.requireValidR4(consent);
        if (consent.hasIdElement() && consent.getIdElement().hasIdPart()) {
            throw FhirProblem.invalid("A Consent to record must not carry an id: the server assigns it.");
        }
        reader.requireInformedConsent(consent);
        Caller caller = Caller.of(identity);
        return mitzConsents.record(consent, reader.facts(consent), caller)
                .map(stored -> Response.created(URI.create("/fhir/Consent/" + stored.id() + "/_history/" + stored.version()))
                        .entity(stored.resource()).type(FhirMediaTypes.FHIR_JSON)
                        .header("ETag", "W/\"" + stored.version() + "\"")
                        .header(ConsentResource.REVISION_HEADER, stored.revision())
                        .build());
    }

    /**
     * The closed question, for the gateway's service account. 200 with the answer (and for a permit
     * the consent version it was stored as); 503 when Mitz cannot answer: the caller must deny.
     */
    @POST
    @Path("/closed-question")
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> closedQuestion(ClosedQuestion question) {
        if (question == null || !Identifiers.isValidBsn(question.patientBsn()) || !Identifiers.isValidUra(question.dataHolderUra())
                || !Identifiers.isValidUra(question.requesterUra()) || blank(question.requesterType()) || blank(question.requesterUzi())
                || blank(question.dataHolderType())) {
            return Uni.createFrom().item(problem(400, "Invalid closed question",
                    "patientBsn (valid BSN), dataHolderUra, dataHolderType, requesterUzi, requesterUra (valid URA) and requesterType are required."));
        }
        return closedQuestions.ask(question)
                .map(result -> {
                    ObjectNode answer = JsonNodeFactory.instance.objectNode()
                            .put("answer", result.answer().name().toLowerCase().replace('_', '-'));
                    if (result.consent() != null) {
                        answer.put("consentId", result.consent().id()).put("version", result.consent().version())
                                .put("revision", result.consent().revision());
                    }
                    return Response.ok(answer).build();
                })
                .onFailure(MitzUnavailable.class).recoverWithItem(failure -> {
                    LOG.warnf("closed question not answered: %s", failure.getMessage());
                    return problem(503, "Mitz unavailable", failure.getMessage());
                });
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(JsonNodeFactory.instance.objectNode().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail))
                .build();
    }

    private boolean authentic(String presented) {
        String expected = config.notificationToken().orElse(null);
        if (expected == null || expected.isBlank() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
