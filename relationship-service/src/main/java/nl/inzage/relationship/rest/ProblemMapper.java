package nl.inzage.relationship.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.security.UnhandledFailures;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes an application/problem+json body with a 4xx, or a 503 while the database is away; never a stack trace. */
public class ProblemMapper {


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
     * A failure no mapper above took, checked exceptions included (an IOException of a connection PostgreSQL cut
     * reached Quarkus' own 500 past a mapper of RuntimeException only): {@link UnhandledFailures} decides the
     * answer, {@link #render} words it.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return UnhandledFailures.answer(e, this::render);
    }

    private Response render(UnhandledFailures.Failure failure) {
        return switch (failure.kind()) {
            case UNREADABLE_JSON -> problem(failure.status(), "malformed-json", "The body is not readable JSON of the expected shape.", null);
            case REFUSED -> problem(failure.status(), "refused", "The request was refused: " + failure.reason() + ".", null);
            case BAD_GATEWAY -> problem(502, "bad-gateway", "A service behind the relationship register did not answer as expected.", null);
            case DATABASE_OUTAGE -> problem(503, "unavailable", "The relationship register is briefly unavailable; try again shortly.", null);
            case UNEXPECTED -> problem(500, "internal", "The request could not be handled.", null);
        };
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
