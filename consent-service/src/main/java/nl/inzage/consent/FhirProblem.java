package nl.inzage.consent;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A request the service refuses, with the HTTP status and the FHIR issue type the caller gets
 * in an OperationOutcome. The message is written for the developer of a source system.
 */
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

    public static FhirProblem unprocessable(String message) {
        return new FhirProblem(422, IssueType.BUSINESSRULE, message);
    }

    public static FhirProblem forbidden(String message) {
        return new FhirProblem(403, IssueType.FORBIDDEN, message);
    }

    public static FhirProblem notFound(String message) {
        return new FhirProblem(404, IssueType.NOTFOUND, message);
    }

    public int status() {
        return status;
    }

    public IssueType issueType() {
        return issueType;
    }
}
