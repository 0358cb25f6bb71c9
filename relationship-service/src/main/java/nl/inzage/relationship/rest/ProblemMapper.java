package nl.inzage.relationship.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import nl.inzage.relationship.RelationshipProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes an application/problem+json body with a 4xx; never a stack trace. */
public class ProblemMapper {

    private final ObjectMapper mapper;

    public ProblemMapper(ObjectMapper mapper) {
        this.mapper = mapper;
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
