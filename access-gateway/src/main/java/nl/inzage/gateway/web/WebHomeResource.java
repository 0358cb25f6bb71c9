package nl.inzage.gateway.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The start page of the web pages: the way to the client portal and to the viewer. Needs no login. */
@Path("/web")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class WebHomeResource {

    private final Template home;

    public WebHomeResource(@Location("home.html") Template home) {
        this.home = home;
    }

    @GET
    public TemplateInstance home() {
        return home.instance();
    }
}
