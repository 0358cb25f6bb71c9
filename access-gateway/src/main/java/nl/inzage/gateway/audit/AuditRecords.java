package nl.inzage.gateway.audit;

import java.time.Instant;
import java.util.UUID;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;

/** Turns a request and its decision into the NEN 7513 record. */
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
                request.purposeOfUse(),
                "ETREAT".equals(request.purposeOfUse()),
                sourceIp);
    }
}
