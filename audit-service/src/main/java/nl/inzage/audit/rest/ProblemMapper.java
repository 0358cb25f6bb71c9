package nl.inzage.audit.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.fhir.FhirProblem;
import nl.inzage.contracts.DatabaseOutage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes RFC 9457 problem+json (an OperationOutcome on /fhir) with its 4xx, or a 503 while the database is away; never a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final FhirContext fhir;

    public ProblemMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    static final String PROBLEM_JSON = "application/problem+json";

    /**
     * JSON of the wrong shape (an array, a string or a number where an object belongs): Quarkus' own mapper for
     * this exact type answered an empty 400, before any mapper of a wider type could see it.
     */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return problem(400, "Malformed JSON", "The body is not readable JSON of the expected shape.");
    }

    @ServerExceptionMapper
    public Response problem(AuditProblem problem) {
        if (problem.status() == 403) {
            nl.inzage.security.RefusalLog.forbidden(problem.title());
        }
        return problem(problem.status(), problem.title(), problem.getMessage());
    }

    /** On the FHIR path a refusal is an OperationOutcome. */
    @ServerExceptionMapper
    public Response fhirProblem(FhirProblem problem) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(problem.issueType()).setDiagnostics(problem.getMessage());
        return Response.status(problem.status()).type("application/fhir+json")
                .entity(fhir.newJsonParser().encodeResourceToString(outcome)).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", "No such path.");
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
        return problem(500, "Internal error", "The request could not be handled.");
    }

    /**
     * A WebApplicationException keeps its status; one without a body gets one. Quarkus' JSON reader wraps
     * Jackson's parse errors in a bare {@code WebApplicationException(400)}: that is unreadable JSON. One a REST
     * client threw and nothing handled is the other service's failure: 502, never its status.
     */
    private static Response refusal(WebApplicationException web) {
        if (web instanceof org.jboss.resteasy.reactive.ClientWebApplicationException) {
            return problem(502, "Bad gateway", "A service behind the audit log did not answer as expected.");
        }
        Response response = web.getResponse();
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return response;
        }
        for (Throwable cause = web.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException || cause instanceof java.io.CharConversionException) {
                return problem(status, "Malformed JSON", "The body is not readable JSON.");
            }
        }
        String reason = response.getStatusInfo().getReasonPhrase();
        return problem(status, reason, "The request was refused: " + reason + ".");
    }

    @ServerExceptionMapper
    public Response databaseUnreachable(java.net.ConnectException e) {
        return databaseOutage(e);
    }

    private static Response databaseOutage(Exception e) {
        LOG.warnf("database unavailable, answered 503: %s", e.getClass().getSimpleName());
        return Response.fromResponse(problem(503, "Unavailable", "The audit log is briefly unavailable; try again shortly."))
                .header("Retry-After", 5).build();
    }

    private static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
