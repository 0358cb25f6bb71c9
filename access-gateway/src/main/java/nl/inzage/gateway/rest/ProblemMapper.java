package nl.inzage.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.CharConversionException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes problem+json with a 4xx (or a 503 when the gateway cannot log); never a stack trace. */
public class ProblemMapper {

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

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return respond(new Problem("about:blank", "Unsupported media type", 415, "Send the body as application/json."));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
