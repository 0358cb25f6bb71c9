package nl.inzage.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.OperationOutcomes;
import nl.inzage.security.UnhandledFailures;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes a FHIR OperationOutcome with a 4xx, or a 503 while the database is away; never a stack trace. */
public class FhirProblemMapper {


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
     * A failure no mapper above took, checked exceptions included (an IOException of a connection PostgreSQL cut
     * reached Quarkus' own 500 past a mapper of RuntimeException only): {@link UnhandledFailures} decides the
     * answer, {@link #render} words it.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return UnhandledFailures.answer(e, this::render);
    }

    private Response render(UnhandledFailures.Failure failure) {
        return switch (failure.kind()) {
            case UNREADABLE_JSON -> outcome(failure.status(), IssueType.STRUCTURE, "The body is not readable JSON.");
            case REFUSED -> outcome(failure.status(), IssueType.PROCESSING, "The request was refused: " + failure.reason() + ".");
            case BAD_GATEWAY -> outcome(502, IssueType.EXCEPTION, "A service behind the consent register did not answer as expected.");
            case DATABASE_OUTAGE -> outcome(503, IssueType.TRANSIENT, "The consent register is briefly unavailable; try again shortly.");
            case UNEXPECTED -> outcome(500, IssueType.EXCEPTION, "The request could not be handled.");
        };
    }

    Response outcome(int status, IssueType type, String message) {
        return Response.status(status)
                .type(FhirMediaTypes.FHIR_JSON)
                .entity(outcomes.json(type, message))
                .build();
    }
}
