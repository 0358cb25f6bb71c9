package nl.inzage.gateway.rest;

/** A refusal that becomes a problem+json response with the given status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage());
    }

    public int status() {
        return status;
    }
}
