package nl.inzage.audit.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.inzage.audit.AuditProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal becomes RFC 9457 problem+json with its 4xx; never a stack trace. */
public class ProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response problem(AuditProblem problem) {
        return problem(problem.status(), problem.title(), problem.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", "No such path.");
    }

    private static Response problem(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
