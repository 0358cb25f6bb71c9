package nl.inzage.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import nl.inzage.gateway.config.AccessConfig;
import nl.inzage.gateway.decision.AccessDecider;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.Reason;
import nl.inzage.gateway.projection.CatchUp;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;

/** Decides from the projections; denies while they have not caught up (fail closed). */
@ApplicationScoped
public class DecisionService {

    private final AccessDecider decider;
    private final ConsentProjection consents;
    private final RelationshipProjection relationships;
    private final CatchUp catchUp;
    private final ZoneId zone;

    public DecisionService(AccessDecider decider, ConsentProjection consents, RelationshipProjection relationships,
            CatchUp catchUp, AccessConfig config) {
        this.decider = decider;
        this.consents = consents;
        this.relationships = relationships;
        this.catchUp = catchUp;
        this.zone = ZoneId.of(config.zone());
    }

    public Decision decide(AccessRequest request) {
        if (!catchUp.caughtUp()) {
            return Decision.deny(Reason.NOT_READY);
        }
        return decider.decide(request,
                consents.find(request.patientBsn(), request.dataHolderUra()),
                relationships.forPatient(request.patientBsn()),
                LocalDate.now(zone));
    }

    public long consentRevision() {
        return consents.watermark().highest();
    }

    public long relationshipRevision() {
        return relationships.watermark().highest();
    }
}
