package nl.inzage.audit.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.inzage.audit.AsciiNumbers;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;

/**
 * The supported search of {@code GET /fhir/AuditEvent}: {@code patient:identifier=<bsn system>|<bsn>}
 * (required) and {@code date} with the prefixes eq (or none), ge, gt, le, lt, any number of times
 * (a date covers that whole day, UTC), {@code _count} 1..500.
 */
public record AuditEventSearch(String bsn, Instant from, Instant to, int count) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 500;

    public static AuditEventSearch parse(String patientIdentifier, List<String> dates, String count) {
        String bsn = bsn(patientIdentifier);
        Instant from = null;
        Instant to = null;
        for (String date : dates == null ? List.<String>of() : dates) {
            if (date.length() < 3) {
                throw FhirProblem.invalid("date must be a date or date-time, optionally after eq, ge, gt, le or lt.");
            }
            // No prefix is eq: the whole date, or that moment.
            boolean bare = Character.isDigit(date.charAt(0));
            String prefix = bare ? "eq" : date.substring(0, 2);
            String value = bare ? date : date.substring(2);
            switch (prefix) {
                case "ge" -> from = later(from, start(value));
                case "gt" -> from = later(from, end(value));
                case "lt" -> to = earlier(to, start(value));
                case "le" -> to = earlier(to, end(value));
                case "eq" -> {
                    from = later(from, start(value));
                    to = earlier(to, end(value));
                }
                default -> throw FhirProblem.invalid("date must use the prefix eq, ge, gt, le or lt (or none, meaning eq).");
            }
        }
        int n = count == null ? DEFAULT_COUNT : parseCount(count);
        return new AuditEventSearch(bsn, from, to, n);
    }

    private static String bsn(String identifier) {
        String prefix = NamingSystems.BSN + "|";
        if (identifier == null || !identifier.startsWith(prefix)) {
            throw FhirProblem.invalid("patient:identifier is required, as " + NamingSystems.BSN + "|<BSN>.");
        }
        String bsn = identifier.substring(prefix.length());
        if (!Identifiers.isValidBsn(bsn)) {
            throw FhirProblem.invalid("patient:identifier must carry a BSN: nine digits passing the 11-test.");
        }
        return bsn;
    }

    /** A date means its first moment (UTC); a date-time must carry an offset. */
    private static Instant start(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw FhirProblem.invalid("date must be a date (2025-01-31) or a date-time with offset.");
        }
    }

    /** {@code le} a date includes that whole day. */
    private static Instant end(String value) {
        Instant start = start(value);
        return value.length() == 10 ? start.plusSeconds(86_400) : start.plusNanos(1_000);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** ASCII digits only: {@code Integer.parseInt} would also read full-width ones. */
    private static int parseCount(String count) {
        long n = AsciiNumbers.parse(count);
        if (n < 1 || n > MAX_COUNT) {
            throw FhirProblem.invalid("_count must be between 1 and " + MAX_COUNT + ".");
        }
        return (int) n;
    }
}
