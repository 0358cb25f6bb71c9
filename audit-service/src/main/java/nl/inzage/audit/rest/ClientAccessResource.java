package nl.inzage.audit.rest;

import static nl.inzage.audit.rest.QueryParameters.instant;
import static nl.inzage.audit.rest.QueryParameters.number;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.Caller;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /audit/me}: the client sees who looked at her data (NEN 7513). Whose data is shown
 * comes from the token's {@code bsn} claim only; there is no parameter to ask for anyone else.
 */
@Path("/audit/me")
@Produces(MediaType.APPLICATION_JSON)
public class ClientAccessResource {

    private final AuditLogService log;
    private final SecurityIdentity identity;
    private final EventViews views;

    public ClientAccessResource(AuditLogService log, SecurityIdentity identity, EventViews views) {
        this.log = log;
        this.identity = identity;
        this.views = views;
    }

    @GET
    @RolesAllowed(Roles.CLIENT)
    public Uni<List<ClientAccessView>> mine(@RestQuery String from, @RestQuery String to, @RestQuery String page,
            @RestQuery String size) {
        AuditFilter filter = new AuditFilter(null, null, instant("from", from), instant("to", to), null, null,
                number("page", page, 0, AuditFilter.MAX_PAGE),
                number("size", size, AuditFilter.DEFAULT_SIZE, AuditFilter.MAX_SIZE));
        return log.accessesTo(Caller.of(identity), filter)
                .map(records -> records.stream().map(views::client).toList());
    }
}
