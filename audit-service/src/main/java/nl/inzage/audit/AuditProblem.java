package nl.inzage.audit;

/**
 * A request the service refuses, with the HTTP status the caller gets as problem+json. The message
 * is written for the developer of the calling application and never echoes a BSN.
 */
public class AuditProblem extends RuntimeException {

    private final int status;
    private final String title;

    public AuditProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static AuditProblem badRequest(String detail) {
        return new AuditProblem(400, "Invalid query", detail);
    }

    public static AuditProblem forbidden(String detail) {
        return new AuditProblem(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
