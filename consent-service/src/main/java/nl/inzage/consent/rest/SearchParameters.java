package nl.inzage.consent.rest;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.inzage.consent.ConsentQuery;
import nl.inzage.consent.FhirProblem;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;

/**
 * Reads the search parameters of {@code GET /fhir/Consent}. An unknown parameter is refused
 * rather than ignored: a client that believes it filtered must not receive more than it asked.
 */
public final class SearchParameters {

    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 100;
    static final Set<String> SUPPORTED = Set.of("patient:identifier", "organization:identifier", "status", "_lastUpdated",
            "_count", "_offset", "_format");
    /** What a conditional create's If-None-Exist may name; the client is required. */
    static final Set<String> CRITERIA = Set.of("patient:identifier", "organization:identifier", "status");
    private static final Set<String> STATUSES = Set.of("draft", "proposed", "active", "rejected", "inactive", "entered-in-error");
    private static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");

    private SearchParameters() {
    }

    public static ConsentQuery read(MultivaluedMap<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!SUPPORTED.contains(name)) {
                throw FhirProblem.invalid("Unknown search parameter '" + name + "'; supported: " + SUPPORTED + ".");
            }
        }
        String patient = identifier(parameters.getFirst("patient:identifier"), NamingSystems.BSN, "patient:identifier");
        if (patient != null && !Identifiers.isValidBsn(patient)) {
            throw FhirProblem.invalid("patient:identifier must be a valid BSN (nine digits passing the 11-test).");
        }
        String custodian = identifier(parameters.getFirst("organization:identifier"), NamingSystems.URA, "organization:identifier");
        if (custodian != null && !Identifiers.isValidUra(custodian)) {
            throw FhirProblem.invalid("organization:identifier must be a URA (eight digits).");
        }
        List<String> statuses = new ArrayList<>();
        for (String value : parameters.getOrDefault("status", List.of())) {
            for (String status : value.split(",")) {
                if (!STATUSES.contains(status)) {
                    throw FhirProblem.invalid("status must be one of " + STATUSES + "; got '" + status + "'.");
                }
                statuses.add(status);
            }
        }
        Bound from = null;
        Bound to = null;
        for (String value : parameters.getOrDefault("_lastUpdated", List.of())) {
            Bound bound = bound(value);
            if (bound.lower) {
                from = bound;
            } else {
                to = bound;
            }
        }
        int count = integer(parameters.getFirst("_count"), DEFAULT_COUNT, "_count");
        if (count < 0 || count > MAX_COUNT) {
            throw FhirProblem.invalid("_count must be between 0 and " + MAX_COUNT + ".");
        }
        int offset = integer(parameters.getFirst("_offset"), 0, "_offset");
        if (offset < 0) {
            throw FhirProblem.invalid("_offset must not be negative.");
        }
        return new ConsentQuery(patient, custodian, List.copyOf(statuses),
                from == null ? null : from.instant, from != null && from.inclusive,
                to == null ? null : to.instant, to != null && to.inclusive, count, offset);
    }

    /**
     * The criteria of a conditional create ({@code If-None-Exist: patient:identifier=...|{bsn}&status=active}),
     * as a search for at most two matches (one is the answer, two are too many).
     */
    public static ConsentQuery criteria(String ifNoneExist) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        for (String pair : ifNoneExist.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw FhirProblem.invalid("If-None-Exist must be search parameters, name=value joined by &, e.g."
                        + " patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn|{bsn}&status=active.");
            }
            parameters.add(decoded(pair.substring(0, equals)), decoded(pair.substring(equals + 1)));
        }
        for (String name : parameters.keySet()) {
            if (!CRITERIA.contains(name)) {
                throw FhirProblem.invalid("If-None-Exist takes only " + CRITERIA + "; '" + name.replaceAll("[^A-Za-z0-9:_\\-]", "?")
                        + "' is not one of them.");
            }
        }
        if (!parameters.containsKey("patient:identifier")) {
            throw FhirProblem.invalid("If-None-Exist must name the client: patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn|{bsn}.");
        }
        ConsentQuery query = read(parameters);
        return new ConsentQuery(query.patientBsn(), query.custodianUra(), query.statuses(), null, false, null, false, 2, 0);
    }

    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("If-None-Exist has a broken %-escape.");
        }
    }

    /** {@code system|value} or {@code value}; another system is refused. */
    private static String identifier(String token, String system, String name) {
        if (token == null) {
            return null;
        }
        int bar = token.indexOf('|');
        if (bar >= 0 && !token.substring(0, bar).equals(system)) {
            throw FhirProblem.invalid(name + " must use the system " + system + " (as " + system + "|value).");
        }
        return bar >= 0 ? token.substring(bar + 1) : token;
    }

    private record Bound(OffsetDateTime instant, boolean lower, boolean inclusive) {
    }

    /**
     * A date without time means the whole day (FHIR's precision rule): {@code ge}/{@code lt} bound
     * at its start, {@code gt}/{@code le} at the start of the next day.
     */
    private static Bound bound(String value) {
        String prefix = value.length() > 2 ? value.substring(0, 2) : "";
        if (!Set.of("ge", "gt", "le", "lt").contains(prefix)) {
            throw FhirProblem.invalid("_lastUpdated takes a prefix ge, gt, le or lt and a date or dateTime, e.g. _lastUpdated=ge2026-01-01.");
        }
        boolean lower = prefix.charAt(0) == 'g';
        String date = value.substring(2);
        try {
            if (date.length() == 10) {
                LocalDate day = LocalDate.parse(date);
                boolean wholeDayIncluded = prefix.equals("gt") || prefix.equals("le");
                LocalDate edge = wholeDayIncluded ? day.plusDays(1) : day;
                return new Bound(edge.atStartOfDay(DUTCH_TIME).toOffsetDateTime(), lower, lower);
            }
            return new Bound(OffsetDateTime.parse(date), lower, prefix.charAt(1) == 'e');
        } catch (DateTimeParseException e) {
            throw FhirProblem.invalid("_lastUpdated has an unreadable date '" + date + "': use YYYY-MM-DD or a dateTime with offset.");
        }
    }

    private static int integer(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FhirProblem.invalid(name + " must be a whole number.");
        }
    }
}
