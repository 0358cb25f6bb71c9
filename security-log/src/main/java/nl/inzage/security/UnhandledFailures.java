package nl.inzage.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.util.function.Function;
import nl.inzage.contracts.DatabaseOutage;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/**
 * The answer to a failure no specific exception mapper took, the same in every service; each renders it in its
 * own body (problem+json, an OperationOutcome) through the function it passes.
 *
 * <ul>
 * <li>A WebApplicationException keeps its status, and one without a body gets one: Quarkus' JSON reader wraps
 * Jackson's parse errors in a bare {@code WebApplicationException(400)}, which is unreadable JSON. One a REST
 * client threw and nothing handled is the other service's failure: 502, never its status.</li>
 * <li>The database not there right now ({@link DatabaseOutage}): 503 with Retry-After, for a request that was fine
 * (tests/faults).</li>
 * <li>Anything else stays a 500, logged by class only (a database message may hold the SQL's values).</li>
 * </ul>
 */
public final class UnhandledFailures {

    /** What the caller is told; the service chooses the body's words and type for each. */
    public enum Kind { UNREADABLE_JSON, REFUSED, BAD_GATEWAY, DATABASE_OUTAGE, UNEXPECTED }

    /** @param reason the HTTP reason phrase of a refusal's status, for {@link Kind#REFUSED} */
    public record Failure(int status, Kind kind, String reason) {
    }

    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(UnhandledFailures.class);

    private UnhandledFailures() {
    }

    public static Response answer(Throwable failure, Function<Failure, Response> render) {
        if (failure instanceof WebApplicationException web) {
            return refusal(web, render);
        }
        if (DatabaseOutage.is(failure)) {
            LOG.warnf("database unavailable, answered 503: %s", failure.getClass().getSimpleName());
            return Response.fromResponse(render.apply(new Failure(503, Kind.DATABASE_OUTAGE, "Service Unavailable")))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf("unexpected failure: %s", failure.getClass().getName());
        return render.apply(new Failure(500, Kind.UNEXPECTED, "Internal Server Error"));
    }

    private static Response refusal(WebApplicationException web, Function<Failure, Response> render) {
        if (web instanceof ClientWebApplicationException) {
            return render.apply(new Failure(502, Kind.BAD_GATEWAY, "Bad Gateway"));
        }
        Response response = web.getResponse();
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return response;
        }
        for (Throwable cause = web.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException || cause instanceof CharConversionException) {
                return render.apply(new Failure(status, Kind.UNREADABLE_JSON, response.getStatusInfo().getReasonPhrase()));
            }
        }
        return render.apply(new Failure(status, Kind.REFUSED, response.getStatusInfo().getReasonPhrase()));
    }
}
