package nl.inzage.audit.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.fhir.FhirProblem;
import nl.inzage.security.UnhandledFailures;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes RFC 9457 problem+json (an OperationOutcome on /fhir) with its 4xx, or a 503 while the database is away; never a stack trace. */
public class ProblemMapper {


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
     * A failure no mapper above took, checked exceptions included (an IOException of a connection PostgreSQL cut
     * reached Quarkus' own 500 past a mapper of RuntimeException only): {@link UnhandledFailures} decides the
     * answer, {@link #render} words it.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return UnhandledFailures.answer(e, ProblemMapper::render);
    }

    private static Response render(UnhandledFailures.Failure failure) {
        return switch (failure.kind()) {
            case UNREADABLE_JSON -> problem(failure.status(), "Malformed JSON", "The body is not readable JSON.");
            case REFUSED -> problem(failure.status(), failure.reason(), "The request was refused: " + failure.reason() + ".");
            case BAD_GATEWAY -> problem(502, "Bad gateway", "A service behind the audit log did not answer as expected.");
            case DATABASE_OUTAGE -> problem(503, "Unavailable", "The audit log is briefly unavailable; try again shortly.");
            case UNEXPECTED -> problem(500, "Internal error", "The request could not be handled.");
        };
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
