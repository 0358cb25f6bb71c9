package nl.inzage.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.consent.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The one way a refusal is written as a FHIR OperationOutcome, over HTTP and on Kafka alike. */
@ApplicationScoped
public class OperationOutcomes {

    private final FhirContext fhir;

    public OperationOutcomes(FhirContext fhir) {
        this.fhir = fhir;
    }

    public String json(FhirProblem problem) {
        return json(problem.issueType(), problem.getMessage());
    }

    /** A success that says what happened (e.g. to a Mitz notification). */
    public String information(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL).setDiagnostics(message);
        return FhirContextProducer.jsonParser(fhir).encodeResourceToString(outcome);
    }

    public String json(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return FhirContextProducer.jsonParser(fhir).encodeResourceToString(outcome);
    }
}
