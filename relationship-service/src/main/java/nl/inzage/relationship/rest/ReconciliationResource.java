package nl.inzage.relationship.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.inzage.contracts.Roles;
import nl.inzage.outbox.StoreDigest;
import nl.inzage.relationship.RelationshipProblem;

/**
 * The relationships as the gateway's relationship projection must hold them at a revision: each
 * relationship's highest version up to it (reconciliation; {@code deploy/local/reconcile.sh}).
 * Compared with the gateway's {@code GET /admin/reconciliation}.
 */
@Path("/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private static final String AT_REVISION = """
            select distinct on (relationship_id) patient_bsn, relationship_id, version, status
            from relationship_version
            where revision <= $1
            order by relationship_id, version desc""";

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
            throw RelationshipProblem.invalid("revision", e.getMessage());
        }
        return digests.at(at, AT_REVISION, (row, digest) -> digest.relationship(row.getString(0), row.getString(1),
                        row.getInteger(2), row.getString(3)))
                .onFailure(StoreDigest.NotReached.class)
                .transform(failure -> RelationshipProblem.conflict(failure.getMessage()));
    }
}
