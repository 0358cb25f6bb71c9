package nl.inzage.gateway.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import nl.inzage.gateway.decision.EmergencyAccess;

/**
 * The emergency accesses (break-the-glass) currently held, one per practitioner, organisation and
 * client; a newer grant replaces the older one. Expired grants are never returned and are removed
 * when looked up.
 */
@ApplicationScoped
public class EmergencyAccesses {

    private final ConcurrentHashMap<String, EmergencyAccess> byKey = new ConcurrentHashMap<>();

    public void apply(EmergencyAccess access) {
        byKey.merge(key(access.practitionerUzi(), access.organization(), access.patientBsn()), access,
                (current, candidate) -> candidate.grantedAt().isAfter(current.grantedAt()) ? candidate : current);
    }

    /** The valid grant for this practitioner and client, or null. */
    public EmergencyAccess find(String practitionerUzi, String organization, String patientBsn, Instant now) {
        String key = key(practitionerUzi, organization, patientBsn);
        EmergencyAccess access = byKey.get(key);
        if (access != null && !now.isBefore(access.expiresAt())) {
            byKey.remove(key, access);
            return null;
        }
        return access;
    }

    private static String key(String practitionerUzi, String organization, String patientBsn) {
        return practitionerUzi + '|' + organization + '|' + patientBsn;
    }
}
