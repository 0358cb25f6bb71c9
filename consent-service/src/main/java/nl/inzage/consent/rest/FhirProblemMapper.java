package nl.inzage.consent.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.FhirContextProducer;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes a FHIR OperationOutcome with a 4xx; never a stack trace. */
public class FhirProblemMapper {

    private final FhirContext fhir;

    public FhirProblemMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response problem(FhirProblem problem) {
        return outcome(problem.status(), problem.issueType(), problem.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return outcome(415, IssueType.NOTSUPPORTED, "Send the resource as application/fhir+json.");
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
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return Response.status(status)
                .type(FhirMediaTypes.FHIR_JSON)
                .entity(FhirContextProducer.jsonParser(fhir).encodeResourceToString(outcome))
                .build();
    }
}
