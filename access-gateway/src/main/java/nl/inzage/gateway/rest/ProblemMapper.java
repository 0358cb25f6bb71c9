package nl.inzage.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.CharConversionException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes problem+json with a 4xx (or a 503 when the gateway cannot log); never a stack trace. */
public class ProblemMapper {

    /**
     * JSON of the wrong shape (an array, a string or a number where an object belongs): Quarkus' own mapper for
     * this exact type answered an empty 400, before any mapper of a wider type could see it.
     */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.status() == 403) {
            nl.inzage.security.RefusalLog.forbidden(e.toProblem().title());
        }
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(new Problem("about:blank", "Malformed JSON", 400, "The body is not valid JSON of the expected shape: "
                + e.getOriginalMessage()));
    }

    /**
     * Bytes Jackson cannot decode as characters (e.g. what it takes for UTF-32 by the leading zero bytes, with a
     * "character" above U+10FFFF): not JSON either, but Jackson throws java.io.CharConversionException, not a
     * JsonProcessingException, which went unmapped (500). Found by AuthzenRequestsFuzzTest.
     */
    @ServerExceptionMapper
    public Response undecodableBody(CharConversionException e) {
        return respond(new Problem("about:blank", "Malformed JSON", 400, "The body is not valid JSON: its bytes are not characters"
                + " of UTF-8, UTF-16 or UTF-32."));
    }

    /**
     * Quarkus' JSON reader wraps Jackson's parse errors (truncated JSON, single quotes, trailing tokens, an unknown
     * or duplicate member of a strict body) in a bare {@code WebApplicationException(400)} without a body, so the
     * mappers above never see them. Those get the same problem body; any other WebApplicationException keeps its
     * status and gains a problem body when it has none (a 404 or 405 of routing), and one a REST client threw for
     * a service behind the gateway that nothing handled is that service's failure: 502, never its status.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
            if (cause instanceof CharConversionException chars) {
                return undecodableBody(chars);
            }
        }
        if (e instanceof org.jboss.resteasy.reactive.ClientWebApplicationException) {
            return respond(new Problem("about:blank", "Bad gateway", 502, "A service behind the gateway did not answer as expected."));
        }
        Response response = e.getResponse();
        if (response.getStatus() < 400 || response.hasEntity()) {
            return response;
        }
        return respond(new Problem("about:blank", response.getStatusInfo().getReasonPhrase(), response.getStatus(),
                "The request was refused: " + response.getStatusInfo().getReasonPhrase() + "."));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return respond(new Problem("about:blank", "Unsupported media type", 415, "Send the body as application/json."));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
