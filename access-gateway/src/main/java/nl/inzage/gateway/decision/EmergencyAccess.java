package nl.inzage.gateway.decision;

import java.time.Instant;

/**
 * Break-the-glass: a practitioner of an organisation declared, with a reason, an emergency for one
 * client. Valid from {@code grantedAt} (inclusive) until {@code expiresAt} (exclusive). The reason is
 * null for a grant learnt from another replica (the topic leaves it to the audit record).
 */
public record EmergencyAccess(String id, String practitionerUzi, String organization, String patientBsn, String reason,
        Instant grantedAt, Instant expiresAt) {

    /** Whether this grant covers the request at that moment. */
    public boolean covers(AccessRequest request, Instant now) {
        return practitionerUzi.equals(request.practitionerUzi())
                && organization.equals(request.organizationUra())
                && patientBsn.equals(request.patientBsn())
                && !now.isBefore(grantedAt)
                && now.isBefore(expiresAt);
    }
}
