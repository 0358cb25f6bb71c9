package nl.inzage.audit.rest;

import static nl.inzage.audit.rest.QueryParameters.bool;
import static nl.inzage.audit.rest.QueryParameters.bsn;
import static nl.inzage.audit.rest.QueryParameters.decision;
import static nl.inzage.audit.rest.QueryParameters.instant;
import static nl.inzage.audit.rest.QueryParameters.number;
import static nl.inzage.audit.rest.QueryParameters.uzi;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.AuditProblem;
import nl.inzage.audit.Caller;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.audit.service.ExplainService;
import nl.inzage.contracts.Roles;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The access log for the privacy officer of an organisation: {@code GET /audit/events} (records by
 * its users or about data it holds) and {@code GET /audit/emergencies} (every break-the-glass, with
 * its reason, for review). JSON by default; CSV with {@code format=csv} or {@code Accept: text/csv}.
 */
@Path("/audit")
@Produces({MediaType.APPLICATION_JSON, AuditCsv.TEXT_CSV})
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class AuditEventResource {

    private final AuditLogService log;
    private final SecurityIdentity identity;
    private final AuditCsv csv;
    private final EventViews views;
    private final ExplainService explain;

    public AuditEventResource(AuditLogService log, SecurityIdentity identity, AuditCsv csv, EventViews views,
            ExplainService explain) {
        this.log = log;
        this.explain = explain;
        this.identity = identity;
        this.csv = csv;
        this.views = views;
    }

    /**
     * @param patient      BSN of the client
     * @param practitioner UZI number of the practitioner who asked
     * @param from         ISO-8601 date-time with offset, inclusive
     * @param to           ISO-8601 date-time with offset, exclusive
     * @param decision     {@code permit} or {@code deny}
     * @param page         from 0 to {@value AuditFilter#MAX_PAGE}
     * @param size         1 to {@value AuditFilter#MAX_SIZE}, default {@value AuditFilter#DEFAULT_SIZE}
     * @param format       {@code json} (default) or {@code csv}
     */
    @GET
    @Path("/events")
    public Uni<Response> search(@RestQuery String patient, @RestQuery String practitioner, @RestQuery String from,
            @RestQuery String to, @RestQuery String decision, @RestQuery String emergency, @RestQuery String page,
            @RestQuery String size, @RestQuery String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        AuditFilter filter = filter(patient, practitioner, from, to, decision, emergency, page, size);
        boolean asCsv = wantsCsv(format, accept);
        return log.search(Caller.of(identity), filter)
                .map(records -> asCsv
                        ? csv.response(records, "audit-events.csv")
                        : Response.ok(records.stream().map(AuditEventView::of).toList(), MediaType.APPLICATION_JSON).build());
    }

    /** Every emergency access by the organisation's users or to its data, newest first, with its reason. */
    @GET
    @Path("/emergencies")
    public Uni<Response> emergencies(@RestQuery String patient, @RestQuery String practitioner, @RestQuery String from,
            @RestQuery String to, @RestQuery String page, @RestQuery String size, @RestQuery String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        AuditFilter filter = filter(patient, practitioner, from, to, null, "true", page, size);
        boolean asCsv = wantsCsv(format, accept);
        return log.emergencies(Caller.of(identity), filter)
                .map(records -> asCsv
                        ? csv.response(records, "emergency-accesses.csv")
                        : Response.ok(emergencyViews(records), MediaType.APPLICATION_JSON).build());
    }

    /**
     * The lawfulness replay: the consent and relationship versions in force at the event's time (from
     * the logged change events) and whether the decision was right under them. {@code id} is the
     * record's seq or its event id.
     */
    @GET
    @Path("/events/{id}/explain")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ExplainService.Explained> explain(@RestPath String id) {
        return explain.explain(Caller.of(identity), id);
    }

    private List<EmergencyAccessView> emergencyViews(List<StoredAuditRecord> records) {
        return records.stream().map(views::emergency).toList();
    }

    private static AuditFilter filter(String patient, String practitioner, String from, String to, String decision,
            String emergency, String page, String size) {
        return new AuditFilter(bsn("patient", patient), uzi("practitioner", practitioner), instant("from", from),
                instant("to", to), decision(decision), bool("emergency", emergency),
                number("page", page, 0, AuditFilter.MAX_PAGE),
                number("size", size, AuditFilter.DEFAULT_SIZE, AuditFilter.MAX_SIZE));
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw AuditProblem.badRequest("format must be json or csv.");
            }
            return format.equals("csv");
        }
        return accept != null && accept.contains(AuditCsv.TEXT_CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
