package nl.inzage.contracts;

import java.time.Instant;

/**
 * Published on {@link Topics#EMERGENCY_ACCESS} by the gateway replica that granted an emergency
 * access (break-the-glass) and read by every replica from the beginning, so the grant holds
 * whichever replica serves the practitioner's next request. Key = grant id, never the BSN. The
 * practitioner's reason is in the audit record ({@link AccessDecided#emergencyReason()}), not here.
 *
 * @param expiresAt the end of the grant (exclusive); the topic keeps records longer than any grant lasts
 */
public record EmergencyAccessGranted(
        String grantId,
        String practitionerUzi,
        String organization,
        String patientBsn,
        Instant grantedAt,
        Instant expiresAt) {
}
