package nl.inzage.audit.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** A refusal on the FHIR path: answered as an OperationOutcome with its 4xx. Never echoes a BSN. */
public class FhirProblem extends RuntimeException {

    private final int status;
    private final IssueType issueType;

    public FhirProblem(int status, IssueType issueType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.issueType = issueType;
    }

    public static FhirProblem invalid(String message) {
        return new FhirProblem(400, IssueType.INVALID, message);
    }

    public static FhirProblem forbidden(String message) {
        return new FhirProblem(403, IssueType.FORBIDDEN, message);
    }

    public int status() {
        return status;
    }

    public IssueType issueType() {
        return issueType;
    }
}
