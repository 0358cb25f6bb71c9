package nl.inzage.relationship.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import nl.inzage.contracts.DatabaseOutage;
import nl.inzage.relationship.RelationshipProblem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes an application/problem+json body with a 4xx, or a 503 while the database is away; never a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper mapper;

    public ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * JSON of the wrong shape (an array, a string or a number where an object belongs): Quarkus' own mapper for
     * this exact type answered an empty 400, before any mapper of a wider type could see it.
     */
    @ServerExceptionMapper
    public Response wrongJsonShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return problem(400, "malformed-json", "The body is not readable JSON of the expected shape.", null);
    }

    @ServerExceptionMapper
    public Response problem(RelationshipProblem problem) {
        if (problem.status() == 403) {
            nl.inzage.security.RefusalLog.forbidden(String.valueOf(problem.type()));
        }
        return problem(problem.status(), problem.type(), problem.getMessage(), problem.field());
    }

    /** A role the operation does not admit (@RolesAllowed): the same problem body as every other refusal. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "forbidden", "Your role may not use this operation.", null);
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return problem(415, "unsupported-media-type", "Send the relationship as application/json.", null);
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e) {
        return problem(405, "method-not-allowed", "This operation is not supported on this path.", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "not-found", "No such resource or path.", null);
    }

    /**
     * The database not there right now (down, restarting, connection cut): 503 with Retry-After, for a request
     * that was fine (tests/faults). Anything else unexpected stays a 500, logged without its message (which may
     * hold the SQL's values); a WebApplicationException keeps its status ({@link #refusal}).
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return refusal(web);
        }
        if (DatabaseOutage.is(e)) {
            return databaseOutage(e);
        }
        LOG.errorf("unexpected failure: %s", e.getClass().getName());
        return problem(500, "internal", "The request could not be handled.", null);
    }

    /**
     * A WebApplicationException keeps its status; one without a body gets one. Quarkus' JSON reader wraps
     * Jackson's parse errors in a bare {@code WebApplicationException(400)}: that is unreadable JSON. One a REST
     * client threw and nothing handled is the other service's failure: 502, never its status.
     */
    private Response refusal(WebApplicationException web) {
        if (web instanceof org.jboss.resteasy.reactive.ClientWebApplicationException) {
            return problem(502, "bad-gateway", "A service behind the relationship register did not answer as expected.", null);
        }
        Response response = web.getResponse();
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return response;
        }
        for (Throwable cause = web.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException || cause instanceof java.io.CharConversionException) {
                return problem(status, "malformed-json", "The body is not readable JSON of the expected shape.", null);
            }
        }
        String reason = response.getStatusInfo().getReasonPhrase();
        return problem(status, "refused", "The request was refused: " + reason + ".", null);
    }

    @ServerExceptionMapper
    public Response databaseUnreachable(java.net.ConnectException e) {
        return databaseOutage(e);
    }

    private Response databaseOutage(Exception e) {
        LOG.warnf("database unavailable, answered 503: %s", e.getClass().getSimpleName());
        return Response.fromResponse(problem(503, "unavailable", "The relationship register is briefly unavailable; try again shortly.", null))
                .header("Retry-After", 5).build();
    }

    private Response problem(int status, String type, String detail, String field) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(json(Problem.of(status, type, detail, field)))
                .build();
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // A record of strings always serialises; failing here is a programming error.
            throw new IllegalStateException("cannot serialise a problem", e);
        }
    }
}
