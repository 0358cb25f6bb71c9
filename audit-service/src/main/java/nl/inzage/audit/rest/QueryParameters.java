package nl.inzage.audit.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import nl.inzage.audit.AsciiNumbers;
import nl.inzage.audit.AuditProblem;
import nl.inzage.contracts.Identifiers;

/**
 * Query parameters parsed by hand rather than by JAX-RS, which answers a badly typed query
 * parameter with 404: here it is a 400 problem that says what is wrong.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static String bsn(String name, String value) {
        if (value != null && !Identifiers.isValidBsn(value)) {
            throw AuditProblem.badRequest(name + " must be a BSN: nine digits passing the 11-test.");
        }
        return value;
    }

    static String uzi(String name, String value) {
        if (value != null && !Identifiers.isValidUzi(value)) {
            throw AuditProblem.badRequest(name + " must be a UZI number: nine digits.");
        }
        return value;
    }

    static String decision(String value) {
        if (value != null && !value.equals("permit") && !value.equals("deny")) {
            throw AuditProblem.badRequest("decision must be permit or deny.");
        }
        return value;
    }

    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw AuditProblem.badRequest(name + " must be true or false.");
        }
        return Boolean.valueOf(value);
    }

    /** ASCII digits from 0 to {@code max}; the range is checked here, before anything is asked of the database. */
    static int number(String name, String value, int absent, int max) {
        if (value == null) {
            return absent;
        }
        long n = AsciiNumbers.parse(value);
        if (n < 0 || n > max) {
            throw AuditProblem.badRequest(name + " must be a whole number (ASCII digits) from 0 to " + max + ".");
        }
        return (int) n;
    }

    /** An ISO-8601 date-time with offset, or a date (its first moment, UTC). */
    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw AuditProblem.badRequest(name + " must be an ISO-8601 date-time with offset (2025-01-31T00:00:00Z)"
                    + " or a date (2025-01-31).");
        }
    }
}
