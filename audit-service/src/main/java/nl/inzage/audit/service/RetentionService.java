package nl.inzage.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.RetentionPolicy;
import nl.inzage.audit.chain.ChainVerifier;
import nl.inzage.audit.config.AuditConfig;
import nl.inzage.audit.repository.AuditRecordRepository;
import nl.inzage.audit.repository.AuditRecordRepository.Purge;
import org.jboss.logging.Logger;

/**
 * Removes records past retention, oldest first, and logs each purge as a record of its own in the
 * chain. {@code @Startup}: a retention below 5 years stops the service at start, not at 03:30.
 */
@Startup
@ApplicationScoped
public class RetentionService {

    /** The ce_type-like event type of the record a purge leaves in the log. */
    public static final String PURGED = "nl.inzage.audit.purged.v1";

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final AuditRecordRepository records;
    private final RetentionPolicy policy;
    private final ObjectMapper json;

    public RetentionService(AuditRecordRepository records, AuditConfig config, ObjectMapper json) {
        this.records = records;
        this.policy = new RetentionPolicy(config.retention().years());
        this.json = json;
    }

    @Scheduled(cron = "${inzage.audit.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(Instant.now())
                .invoke(p -> LOG.infof("Retention purge: %d records removed; the chain now starts after seq %d",
                        p.purged(), p.anchorSeq()))
                .onFailure().invoke(e -> LOG.warnf("Retention purge failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Purges what is past retention at {@code now}. */
    public Uni<Purge> purge(Instant now) {
        return records.purge(policy.cutoff(now), purge -> record(purge, now), now);
    }

    public RetentionPolicy policy() {
        return policy;
    }

    private AuditRecord record(Purge purge, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cutoff", purge.cutoff().toString());
        payload.put("retentionYears", policy.years());
        payload.put("purged", purge.purged());
        payload.put("anchorSeq", purge.anchorSeq());
        payload.put("anchorHash", ChainVerifier.hex(purge.anchorHash()));
        try {
            return new AuditRecord(UUID.randomUUID().toString(), PURGED, now, null, null, null, null, null, null, false,
                    json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
