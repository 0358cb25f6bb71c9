package nl.inzage.relationship;

import java.time.LocalDate;

/**
 * A checked registration: what the register stores of a new relationship.
 *
 * @param practitioner UZI number of the practitioner, or null when the whole organisation is involved
 * @param end          last day the relationship holds, or null while open-ended
 */
public record RelationshipFacts(String patientBsn, String organizationUra, String organizationType, String practitioner,
        RelationshipKind kind, LocalDate start, LocalDate end, String reason) {
}
