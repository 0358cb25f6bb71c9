package nl.inzage.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes a FHIR OperationOutcome with a 4xx; never a stack trace. */
public class FhirProblemMapper {

    private final OperationOutcomes outcomes;

    public FhirProblemMapper(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
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

    Response outcome(int status, IssueType type, String message) {
        return Response.status(status)
                .type(FhirMediaTypes.FHIR_JSON)
                .entity(outcomes.json(type, message))
                .build();
    }
}
