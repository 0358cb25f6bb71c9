package nl.inzage.audit.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.Caller;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** The access log for the privacy officer of an organisation: {@code GET /audit/events}. */
@Path("/audit/events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    private final AuditLogService log;
    private final SecurityIdentity identity;

    public AuditEventResource(AuditLogService log, SecurityIdentity identity) {
        this.log = log;
        this.identity = identity;
    }

    /**
     * @param patient   BSN of the client
     * @param from      ISO-8601 date-time with offset, inclusive
     * @param to        ISO-8601 date-time with offset, exclusive
     * @param decision  {@code permit} or {@code deny}
     * @param page      from 0
     * @param size      1 to {@value AuditFilter#MAX_SIZE}, default {@value AuditFilter#DEFAULT_SIZE}
     */
    @GET
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public Uni<List<AuditEventView>> search(@RestQuery String patient, @RestQuery String from, @RestQuery String to,
            @RestQuery String decision, @RestQuery String emergency, @RestQuery String page, @RestQuery String size) {
        // Parsed here rather than by JAX-RS, which answers a badly typed query parameter with 404.
        AuditFilter filter = new AuditFilter(bsn(patient), instant("from", from), instant("to", to), decision,
                bool("emergency", emergency), number("page", page, 0), number("size", size, AuditFilter.DEFAULT_SIZE));
        return log.search(Caller.of(identity), filter)
                .map(records -> records.stream().map(AuditEventView::of).toList());
    }

    private static String bsn(String patient) {
        if (patient != null && !Identifiers.isValidBsn(patient)) {
            throw AuditProblem.badRequest("patient must be a BSN: nine digits passing the 11-test.");
        }
        return patient;
    }

    private static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw AuditProblem.badRequest(name + " must be true or false.");
        }
        return Boolean.valueOf(value);
    }

    private static int number(String name, String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AuditProblem.badRequest(name + " must be a whole number.");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw AuditProblem.badRequest(name + " must be an ISO-8601 date-time with offset, e.g. 2025-01-31T00:00:00Z.");
        }
    }
}
