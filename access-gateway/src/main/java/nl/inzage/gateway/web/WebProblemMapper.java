package nl.inzage.gateway.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders a {@link WebProblem} as a page, never a stack trace. */
public class WebProblemMapper {

    private final Template error;

    public WebProblemMapper(@Location("error.html") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response problem(WebProblem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("message", problem.getMessage()).data("status", problem.status()).render()).build();
    }
}
