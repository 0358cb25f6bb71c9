package nl.inzage.audit.rest;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.Date;
import java.util.List;
import nl.inzage.audit.AuditFilter;
import nl.inzage.audit.Caller;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.audit.fhir.AuditEventSearch;
import nl.inzage.audit.fhir.BalpAuditEvents;
import nl.inzage.audit.fhir.FhirProblem;
import nl.inzage.audit.service.AuditLogService;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Roles;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;

/**
 * {@code GET /fhir/AuditEvent?patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn|<bsn>&date=ge...}:
 * the log of one client as a searchset Bundle of BALP-shaped AuditEvents, newest first.
 * <ul>
 * <li>a privacy officer gets the accesses by their organisation's users or to data it holds;</li>
 * <li>a client gets the accesses to her own data only: any other BSN is refused (403).</li>
 * </ul>
 */
@Path("/fhir/AuditEvent")
@Produces(AuditEventFhirResource.FHIR_JSON)
public class AuditEventFhirResource {

    static final String FHIR_JSON = "application/fhir+json";

    private final AuditLogService log;
    private final SecurityIdentity identity;
    private final BalpAuditEvents balp;
    private final EventViews views;
    private final FhirContext fhir;

    public AuditEventFhirResource(AuditLogService log, SecurityIdentity identity, BalpAuditEvents balp, EventViews views,
            FhirContext fhir) {
        this.log = log;
        this.identity = identity;
        this.balp = balp;
        this.views = views;
        this.fhir = fhir;
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.CLIENT})
    public Uni<String> search(@QueryParam("patient:identifier") String patient, @QueryParam("date") List<String> date,
            @QueryParam("_count") String count) {
        AuditEventSearch search = AuditEventSearch.parse(patient, date, count);
        AuditFilter filter = new AuditFilter(search.bsn(), null, search.from(), search.to(), null, null, 0, search.count());
        Caller caller = Caller.of(identity);
        return records(caller, search, filter).map(this::bundle);
    }

    private Uni<List<StoredAuditRecord>> records(Caller caller, AuditEventSearch search, AuditFilter filter) {
        if (identity.hasRole(Roles.PRIVACY_OFFICER)) {
            if (!Identifiers.isValidUra(caller.ura())) {
                throw FhirProblem.forbidden("The token carries no valid 'ura' claim: the log is read per organisation.");
            }
            return log.search(caller, filter).map(list -> list.stream()
                    .filter(r -> EventTypes.ACCESS_DECIDED.equals(r.record().eventType())).toList());
        }
        if (!search.bsn().equals(caller.bsn())) {
            throw FhirProblem.forbidden("A client may read the log of her own data only.");
        }
        return log.accessesTo(caller, filter);
    }

    private String bundle(List<StoredAuditRecord> records) {
        Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new Date());
        for (StoredAuditRecord record : records) {
            bundle.addEntry()
                    .setFullUrl("AuditEvent/" + record.record().eventId())
                    .setResource(balp.toFhir(record, views.details(record)))
                    .getSearch().setMode(SearchEntryMode.MATCH);
        }
        // No total: the page is cut at _count, and counting every match is not worth a second query.
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }
}
