package nl.inzage.gateway.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.gateway.DecisionService;
import nl.inzage.gateway.audit.AuditRecords;
import nl.inzage.gateway.audit.AuditTrail;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.RoleCategoryMatrix;
import nl.inzage.gateway.projection.ConsentProjection;

/** The practitioner's view of a client: per data holder, what she may see or why not. */
@Path("/viewer/patients")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ViewerResource {

    public record Overview(String patient, List<HolderView> dataHolders) {
    }

    public record HolderView(String organization, List<String> visibleCategories, List<HiddenCategory> hiddenCategories) {
    }

    public record HiddenCategory(String category, List<String> reasons) {
    }

    private final DecisionService decisions;
    private final ConsentProjection consents;
    private final RoleCategoryMatrix matrix;
    private final AuditTrail audit;
    private final SecurityIdentity identity;

    public ViewerResource(DecisionService decisions, ConsentProjection consents, RoleCategoryMatrix matrix,
            AuditTrail audit, SecurityIdentity identity) {
        this.decisions = decisions;
        this.consents = consents;
        this.matrix = matrix;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Path("/{bsn}")
    public Uni<Overview> overview(@PathParam("bsn") String bsn, @Context HttpServerRequest http) {
        if (!Identifiers.isValidBsn(bsn)) {
            throw ProblemException.badRequest("The client must be given by a valid BSN (nine digits passing the 11-test).");
        }
        Practitioner practitioner = Practitioner.of(identity, matrix.categoriesByRole().keySet());
        String requestId = UUID.randomUUID().toString();
        List<HolderView> holders = new ArrayList<>();
        List<AccessDecided> records = new ArrayList<>();
        for (String holder : consents.forPatient(bsn).keySet().stream().sorted().toList()) {
            List<String> visible = new ArrayList<>();
            List<HiddenCategory> hidden = new ArrayList<>();
            for (String category : DataCategories.ALL) {
                AccessRequest request = new AccessRequest(practitioner.uzi(), practitioner.organization(),
                        practitioner.organizationType(), practitioner.role(), bsn, holder, category, "TREAT");
                Decision decision = decisions.decide(request);
                records.add(AuditRecords.of(request, decision, requestId, "overview", null, practitioner.name(),
                        http.remoteAddress() == null ? null : http.remoteAddress().hostAddress()));
                if (decision.permit()) {
                    visible.add(category);
                } else {
                    hidden.add(new HiddenCategory(category, decision.reasonCodes()));
                }
            }
            holders.add(new HolderView(holder, visible, hidden));
        }
        // Nothing about the client leaves before every decision behind it is in the audit log.
        return Uni.join().all(records.stream().map(audit::record).toList()).usingConcurrencyOf(64).andFailFast()
                .onFailure().transform(failure -> new ProblemException(503, "Audit log unavailable",
                        "The access could not be logged, so no data is shown. Try again shortly."))
                .replaceWith(new Overview(bsn, holders));
    }
}
