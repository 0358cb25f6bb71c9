package nl.inzage.audit.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.fhir.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes RFC 9457 problem+json (an OperationOutcome on /fhir) with its 4xx; never a stack trace. */
public class ProblemMapper {

    private final FhirContext fhir;

    public ProblemMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    static final String PROBLEM_JSON = "application/problem+json";

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

    private static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
