package nl.inzage.consent.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.inzage.consent.FhirProblem;
import nl.inzage.contracts.Roles;
import nl.inzage.outbox.StoreDigest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The register as the gateway's consent projection must hold it at a revision: per client and
 * data holder the consent version with the highest revision up to it (reconciliation;
 * {@code deploy/local/reconcile.sh}). Compared with the gateway's {@code GET /admin/reconciliation}.
 */
@Path("/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private static final String AT_REVISION = """
            select distinct on (c.patient_bsn, c.custodian_ura) c.patient_bsn, c.custodian_ura, v.consent_id, v.version, v.status
            from consent_version v join consent c on c.id = v.consent_id
            where v.revision <= $1
            order by c.patient_bsn, c.custodian_ura, v.revision desc""";

    private final StoreDigest digests;

    public ReconciliationResource(StoreDigest digests) {
        this.digests = digests;
    }

    /** @param revision a store revision; absent: the current one */
    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.SERVICE})
    public Uni<StoreDigest.Digested> at(@QueryParam("revision") String revision) {
        long at;
        try {
            at = StoreDigest.revision(revision);
        } catch (StoreDigest.NotARevision e) {
            throw FhirProblem.invalid(e.getMessage());
        }
        return digests.at(at, AT_REVISION, (row, digest) -> digest.consent(row.getString(0),
                        row.getString(1), row.getString(2), row.getInteger(3), row.getString(4)))
                .onFailure(StoreDigest.NotReached.class)
                .transform(failure -> new FhirProblem(409, IssueType.CONFLICT, failure.getMessage()));
    }
}
