package nl.inzage.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.EventTypes;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import nl.inzage.gateway.decision.EmergencyAccess;
import nl.inzage.gateway.messaging.CloudEventRecordHeaders;
import nl.inzage.gateway.rest.Practitioner;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns a request and its decision into the NEN 7513 record, and that into the Kafka record audit-service reads. */
public final class AuditRecords {

    private AuditRecords() {
    }

    public static AccessDecided of(AccessRequest request, Decision decision, String requestId, String action,
            String query, String practitionerName, String sourceIp) {
        return new AccessDecided(
                UUID.randomUUID().toString(),
                Instant.now(),
                requestId,
                new AccessDecided.Practitioner(request.practitionerUzi(), practitionerName, request.role(),
                        request.organizationUra(), request.organizationType()),
                request.patientBsn(),
                request.dataHolderUra(),
                request.dataCategory(),
                query,
                action,
                decision.permit() ? "permit" : "deny",
                decision.reasonCodes(),
                decision.consentIds(),
                decision.relationshipIds(),
                // Break-the-glass is logged as emergency treatment, whatever purpose the caller gave.
                decision.emergency() ? "ETREAT" : request.purposeOfUse(),
                decision.emergency() || "ETREAT".equals(request.purposeOfUse()),
                sourceIp);
    }

    /** The grant of an emergency access: flagged, with the practitioner's reason, for review. */
    public static AccessDecided emergencyGrant(EmergencyAccess access, Practitioner practitioner, String sourceIp) {
        return new AccessDecided(UUID.randomUUID().toString(), access.grantedAt(), access.id(),
                new AccessDecided.Practitioner(practitioner.uzi(), practitioner.name(), practitioner.role(),
                        practitioner.organization(), practitioner.organizationType()),
                access.patientBsn(), null, null, null, "emergency-access", "permit", List.of("emergency-access"),
                List.of(), List.of(), "ETREAT", true, sourceIp, access.reason());
    }

    /** A practitioner's access request, forwarded to relationship-service, which registered the relationship. */
    public static AccessDecided accessRequest(String bsn, String relationshipId, Practitioner practitioner, String sourceIp) {
        return new AccessDecided(UUID.randomUUID().toString(), Instant.now(), UUID.randomUUID().toString(),
                new AccessDecided.Practitioner(practitioner.uzi(), practitioner.name(), practitioner.role(),
                        practitioner.organization(), practitioner.organizationType()),
                bsn, null, null, null, "access-request", "permit", List.of("access-request"),
                List.of(), List.of(relationshipId), "TREAT", false, sourceIp);
    }

    /** The record as audit-service reads it: keyed by the event id, CloudEvents headers (AuditTrail, and ./dev bench's AuditFlood). */
    public static ProducerRecord<String, String> producerRecord(String topic, String source, AccessDecided event, String json) {
        return new ProducerRecord<>(topic, null, event.eventId(), json,
                CloudEventRecordHeaders.of(event.eventId(), EventTypes.ACCESS_DECIDED, source, event.occurredAt(), event.requestId()));
    }
}
