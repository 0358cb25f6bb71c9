package nl.inzage.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes problem+json with a 4xx (or a 503 when the gateway cannot log); never a stack trace. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.status() == 403) {
            nl.inzage.gateway.security.RefusalLog.forbidden(e.toProblem().title());
        }
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(new Problem("about:blank", "Malformed JSON", 400, "The body is not valid JSON of the expected shape: "
                + e.getOriginalMessage()));
    }

    /**
     * Valid JSON of the wrong shape: an unknown member (strict bodies), content after the value, a wrong type. Said in
     * the body's own terms; Jackson's message names the gateway's Java classes, which are none of the caller's business.
     */
    @ServerExceptionMapper
    public Response unexpectedShape(MismatchedInputException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown member '" + abbreviate(unknown.getPropertyName()) + "'" + (unknown.getKnownPropertyIds() == null ? "."
                    : ": the body has only " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ", "[", "].")));
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            detail = "There is content after the JSON value: send exactly one JSON object.";
        } else {
            detail = "The body is not JSON of the expected shape" + (e.getPath().isEmpty() ? "." : " at " + path(e) + ".");
        }
        return respond(new Problem("about:blank", "Malformed JSON", 400, detail));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return respond(new Problem("about:blank", "Unsupported media type", 415, "Send the body as application/json."));
    }

    /** The member path in the body, e.g. {@code evaluations[0].subject}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(abbreviate(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    /** Member names come from the caller: echoed, but never at length. */
    private static String abbreviate(String name) {
        return name == null ? "" : name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
