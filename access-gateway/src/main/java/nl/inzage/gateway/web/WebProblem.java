package nl.inzage.gateway.web;

/** A refusal on a web page: shown to the user as an HTML page with this status and a Dutch message. */
public class WebProblem extends RuntimeException {

    private final int status;

    public WebProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
