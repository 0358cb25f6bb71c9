package nl.inzage.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.OperationOutcomes;
import nl.inzage.contracts.DatabaseOutage;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes a FHIR OperationOutcome with a 4xx, or a 503 while the database is away; never a stack trace. */
public class FhirProblemMapper {

    private static final Logger LOG = Logger.getLogger(FhirProblemMapper.class);

    private final OperationOutcomes outcomes;

    public FhirProblemMapper(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /**
     * JSON of the wrong shape (an array, a string or a number where an object belongs): Quarkus' own mapper for
     * this exact type answered an empty 400, before any mapper of a wider type could see it.
     */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return outcome(400, IssueType.STRUCTURE, "The body is not readable JSON of the expected shape.");
    }

    @ServerExceptionMapper
    public Response problem(FhirProblem problem) {
        if (problem.status() == 403) {
            nl.inzage.security.RefusalLog.forbidden(String.valueOf(problem.issueType()));
        }
        return outcome(problem.status(), problem.issueType(), problem.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return outcome(415, IssueType.NOTSUPPORTED, "Send the resource as application/fhir+json.");
    }

    /** A JSON body Jackson cannot read (e.g. nested deeper than its 1000-level limit): the caller's mistake. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return outcome(400, IssueType.STRUCTURE, "The body is not readable JSON.");
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        return outcome(405, IssueType.NOTSUPPORTED, "This operation is not supported on this path.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return outcome(404, IssueType.NOTFOUND, "No such resource or path.");
    }

    /**
     * The database not there right now (down, restarting, connection cut): 503 with Retry-After, for a request
     * that was fine (tests/faults). Anything else unexpected stays a 500, logged without its message (which may
     * hold the SQL's values); a WebApplicationException keeps its status ({@link #refusal}).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return refusal(web);
        }
        if (DatabaseOutage.is(e)) {
            return databaseOutage(e);
        }
        LOG.errorf("unexpected failure: %s", e.getClass().getName());
        return outcome(500, IssueType.EXCEPTION, "The request could not be handled.");
    }

    /**
     * A WebApplicationException keeps its status; one without a body gets one. Quarkus' JSON reader wraps
     * Jackson's parse errors in a bare {@code WebApplicationException(400)}: that is unreadable JSON. One a REST
     * client threw and nothing handled is the other service's failure: 502, never its status.
     */
    private Response refusal(WebApplicationException web) {
        if (web instanceof org.jboss.resteasy.reactive.ClientWebApplicationException) {
            return outcome(502, IssueType.EXCEPTION, "A service behind the consent register did not answer as expected.");
        }
        Response response = web.getResponse();
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return response;
        }
        for (Throwable cause = web.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException || cause instanceof java.io.CharConversionException) {
                return outcome(status, IssueType.STRUCTURE, "The body is not readable JSON.");
            }
        }
        String reason = response.getStatusInfo().getReasonPhrase();
        return outcome(status, IssueType.PROCESSING, "The request was refused: " + reason + ".");
    }

    @ServerExceptionMapper
    public Response databaseUnreachable(java.net.ConnectException e) {
        return databaseOutage(e);
    }

    private Response databaseOutage(Exception e) {
        LOG.warnf("database unavailable, answered 503: %s", e.getClass().getSimpleName());
        return Response.fromResponse(outcome(503, IssueType.TRANSIENT, "The consent register is briefly unavailable; try again shortly."))
                .header("Retry-After", 5).build();
    }

    Response outcome(int status, IssueType type, String message) {
        return Response.status(status)
                .type(FhirMediaTypes.FHIR_JSON)
                .entity(outcomes.json(type, message))
                .build();
    }
}
