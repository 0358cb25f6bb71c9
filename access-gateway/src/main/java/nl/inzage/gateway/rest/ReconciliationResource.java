package nl.inzage.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.contracts.Roles;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;
import nl.inzage.gateway.projection.RevisionWatermark;

/**
 * What the projections hold, for reconciliation with the stores ({@code deploy/local/reconcile.sh},
 * {@code ./dev reconcile}): per projection the revision it has applied without a gap, and the digest
 * of its entries as {@link ProjectionDigest} defines them. The stores answer the same digest for the
 * same revision; equal digests mean the projection holds exactly what the database does.
 */
@Path("/admin/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private static final int ATTEMPTS = 5;

    /**
     * @param settled false when events kept arriving while the digest was taken, or revisions above a
     *                gap were applied: then the digest belongs to no single revision; ask again
     */
    public record Held(long revision, long entries, String digest, boolean settled) {
    }

    public record Reconciliation(Held consent, Held relationship) {
    }

    private final ConsentProjection consents;
    private final RelationshipProjection relationships;

    public ReconciliationResource(ConsentProjection consents, RelationshipProjection relationships) {
        this.consents = consents;
        this.relationships = relationships;
    }

    /** Runs on a worker thread (not a Uni): it walks the whole projection. */
    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.SERVICE})
    public Reconciliation held() {
        return new Reconciliation(held(consents.watermark(), consents::digest), held(relationships.watermark(), relationships::digest));
    }

    private static Held held(RevisionWatermark watermark, Supplier<ProjectionDigest> digest) {
        Held held = null;
        for (int attempt = 0; attempt < ATTEMPTS && (held == null || !held.settled()); attempt++) {
            long before = watermark.highest();
            long reached = watermark.reached();
            ProjectionDigest taken = digest.get();
            boolean settled = before == reached && watermark.highest() == before && watermark.reached() == reached;
            held = new Held(reached, taken.entries(), taken.value(), settled);
        }
        return held;
    }
}
