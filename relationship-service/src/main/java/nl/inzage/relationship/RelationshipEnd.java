package nl.inzage.relationship;

import java.time.LocalDate;

/**
 * A checked end: the last day the relationship holds and why it ends.
 *
 * @param reason why it ends, or null to keep the reason it had
 */
public record RelationshipEnd(LocalDate end, String reason) {
}
