package nl.inzage.audit.rest;

import java.time.Instant;
import java.util.List;

/**
 * One access to a client's data as she reads it: plain facts, no internal ids.
 *
 * @param outcome {@code allowed} or {@code refused}
 * @param basis   on which the access was given: {@code consent}, {@code relationship}, {@code emergency}
 */
public record ClientAccessView(
        Instant when,
        String organization,
        String organizationType,
        String dataHolder,
        String practitioner,
        String role,
        String category,
        String action,
        String outcome,
        List<String> basis,
        boolean emergency,
        String emergencyReason) {
}
