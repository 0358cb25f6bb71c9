package nl.inzage.gateway.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ProjectionDigest;
import nl.inzage.gateway.decision.ConsentState;

/**
 * Every client's consent per data holder, in memory, from {@code consent.events}. Per (client,
 * data holder) the most recent change wins, by store revision; replays and re-deliveries of older
 * revisions change nothing.
 */
@ApplicationScoped
public class ConsentProjection {

    private final ConcurrentHashMap<String, Map<String, ConsentState>> byPatient = new ConcurrentHashMap<>();
    private final RevisionWatermark watermark = new RevisionWatermark();

    public void apply(ConsentChanged event) {
        ConsentState state = new ConsentState(event.consentId(), event.version(), event.revision(),
                Compact.shared(event.status()), "mitz".equals(event.origin()), Compact.rules(event.rules()));
        String holder = Compact.shared(event.custodianUra());
        byPatient.compute(event.patientBsn(), (bsn, holders) -> {
            ConsentState current = holders == null ? null : holders.get(holder);
            if (current != null && current.revision() >= event.revision()) {
                return holders;
            }
            Map<String, ConsentState> updated = holders == null ? new HashMap<>(2) : new HashMap<>(holders);
            updated.put(holder, state);
            return Map.copyOf(updated);
        });
        watermark.seen(event.revision());
    }

    public ConsentState find(String patientBsn, String dataHolderUra) {
        Map<String, ConsentState> holders = byPatient.get(patientBsn);
        return holders == null ? null : holders.get(dataHolderUra);
    }

    /** Data holders that have a consent record for this client. */
    public Map<String, ConsentState> forPatient(String patientBsn) {
        return byPatient.getOrDefault(patientBsn, Map.of());
    }

    /** What the projection holds, as {@link ProjectionDigest} defines it (reconciliation with consent-service). */
    public ProjectionDigest digest() {
        ProjectionDigest digest = new ProjectionDigest();
        byPatient.forEach((bsn, holders) -> holders.forEach((holder, state) ->
                digest.consent(bsn, holder, state.consentId(), state.version(), state.status())));
        return digest;
    }

    public RevisionWatermark watermark() {
        return watermark;
    }
}
