package nl.inzage.relationship;

/**
 * A request the service refuses, with the HTTP status and problem type the caller gets in a
 * problem+json body. The message is written for the developer of a source system; {@code field}
 * names the body member at fault, when there is one.
 */
public class RelationshipProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String field;

    public RelationshipProblem(int status, String type, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    public static RelationshipProblem invalid(String field, String message) {
        return new RelationshipProblem(400, "invalid-request", field, message);
    }

    public static RelationshipProblem forbidden(String message) {
        return new RelationshipProblem(403, "forbidden", null, message);
    }

    public static RelationshipProblem conflict(String message) {
        return new RelationshipProblem(409, "conflict", null, message);
    }

    public static RelationshipProblem notFound(String message) {
        return new RelationshipProblem(404, "not-found", null, message);
    }

    public int status() {
        return status;
    }

    /** The problem type's last path segment, e.g. {@code invalid-request}. */
    public String type() {
        return type;
    }

    public String field() {
        return field;
    }
}
