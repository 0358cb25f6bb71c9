package nl.inzage.gateway.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.decision.RelationshipState;

/** Every client's treatment relationships, in memory, from {@code relationship.events}; newer versions win. */
@ApplicationScoped
public class RelationshipProjection {

    private final ConcurrentHashMap<String, Map<String, RelationshipState>> byPatient = new ConcurrentHashMap<>();
    private final RevisionWatermark watermark = new RevisionWatermark();

    public void apply(RelationshipChanged event) {
        RelationshipState state = new RelationshipState(event.relationshipId(), event.version(),
                Compact.shared(event.organization()), Compact.shared(event.practitioner()), Compact.shared(event.kind()),
                Compact.shared(event.status()), event.start(), event.end());
        byPatient.compute(event.patientBsn(), (bsn, relationships) -> {
            RelationshipState current = relationships == null ? null : relationships.get(event.relationshipId());
            if (current != null && current.version() >= event.version()) {
                return relationships;
            }
            Map<String, RelationshipState> updated = relationships == null ? new HashMap<>(2) : new HashMap<>(relationships);
            updated.put(event.relationshipId(), state);
            return Map.copyOf(updated);
        });
        watermark.seen(event.revision());
    }

    public Collection<RelationshipState> forPatient(String patientBsn) {
        Map<String, RelationshipState> relationships = byPatient.get(patientBsn);
        return relationships == null ? List.of() : relationships.values();
    }

    /** What the projection holds, as {@link ProjectionDigest} defines it (reconciliation with relationship-service). */
    public ProjectionDigest digest() {
        ProjectionDigest digest = new ProjectionDigest();
        byPatient.forEach((bsn, relationships) -> relationships.values().forEach(state ->
                digest.relationship(bsn, state.relationshipId(), state.version(), state.status())));
        return digest;
    }

    public RevisionWatermark watermark() {
        return watermark;
    }
}
