package nl.inzage.relationship.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import nl.inzage.relationship.RelationshipProblem;

/**
 * An RFC 9457 problem details body. {@code field} is an extension member naming the request
 * member at fault, so a source system can point at it without parsing {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are identifiers in the product's namespace; they need not resolve. */
    static final String TYPE_BASE = "http://inzage.nl/problems/";

    /** The body of a refusal, the same over REST and on {@code relationship.inbound.results}. */
    public static Problem of(RelationshipProblem problem) {
        return of(problem.status(), problem.type(), problem.getMessage(), problem.field());
    }

    public static Problem of(int status, String type, String detail, String field) {
        String title = Response.Status.fromStatusCode(status).getReasonPhrase();
        return new Problem(TYPE_BASE + type, title, status, detail, field);
    }
}
