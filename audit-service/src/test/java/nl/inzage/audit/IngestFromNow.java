package nl.inzage.audit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * For suites that need the log to hold only what they write: Quarkus restarts (Flyway cleans the test database) and
 * the ingest reads only what arrives on the shared test broker from now on, in consumer groups of its own. Records
 * other suites left there would otherwise be ingested meanwhile and land between the suite's own (RetentionIT saw 0
 * purged instead of 2, ChainIT a sequence number taken by the ingest).
 */
public class IngestFromNow implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides();
    }

    public static Map<String, String> overrides() {
        String run = UUID.randomUUID().toString();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("mp.messaging.incoming.audit-in.auto.offset.reset", "latest");
        overrides.put("mp.messaging.incoming.audit-in.group.id", "audit-from-now-" + run);
        overrides.put("mp.messaging.incoming.changes-in.auto.offset.reset", "latest");
        overrides.put("mp.messaging.incoming.changes-in.group.id", "audit-from-now-changes-" + run);
        return overrides;
    }
}
