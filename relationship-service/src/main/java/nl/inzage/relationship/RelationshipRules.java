package nl.inzage.relationship;

import static nl.inzage.relationship.RelationshipRequest.END;
import static nl.inzage.relationship.RelationshipRequest.KIND;
import static nl.inzage.relationship.RelationshipRequest.ORGANIZATION;
import static nl.inzage.relationship.RelationshipRequest.ORGANIZATION_TYPE;
import static nl.inzage.relationship.RelationshipRequest.PATIENT;
import static nl.inzage.relationship.RelationshipRequest.PRACTITIONER;
import static nl.inzage.relationship.RelationshipRequest.START;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import nl.inzage.contracts.Identifiers;

/**
 * What makes a registration valid, in plain Java. The first rule broken is refused with the
 * field it concerns; who may register what is the service's concern, not this class's.
 */
public final class RelationshipRules {

    /** Codes of the Nictiz organisation-type system are short and upper-case (G3, K4, JGZ, ...). */
    private static final Pattern ORGANIZATION_TYPE_CODE = Pattern.compile("[A-Z0-9]{1,10}");

    private RelationshipRules() {
    }

    public static RelationshipFacts check(RelationshipRequest request) {
        String bsn = required(request.patient(), PATIENT, "the client's BSN");
        if (!Identifiers.isValidBsn(bsn)) {
            // The value is not echoed: a near-miss BSN is still personal data.
            throw RelationshipProblem.invalid(PATIENT, "patient is not a valid BSN (nine digits passing the 11-test).");
        }
        String ura = required(request.organization(), ORGANIZATION, "the URA of the organisation");
        if (!Identifiers.isValidUra(ura)) {
            throw RelationshipProblem.invalid(ORGANIZATION, "organization is not a valid URA (eight digits): '" + ura + "'.");
        }
        String organizationType = required(request.organizationType(), ORGANIZATION_TYPE, "an organisation type code such as G3 or V4");
        if (!ORGANIZATION_TYPE_CODE.matcher(organizationType).matches()) {
            throw RelationshipProblem.invalid(ORGANIZATION_TYPE,
                    "organizationType must be an organisation type code such as G3 or V4: '" + organizationType + "'.");
        }
        String uzi = request.practitioner();
        if (uzi != null && !Identifiers.isValidUzi(uzi)) {
            throw RelationshipProblem.invalid(PRACTITIONER, "practitioner, when given, must be a UZI number (nine digits): '" + uzi + "'.");
        }
        RelationshipKind kind = kind(required(request.kind(), KIND, "one of " + RelationshipKind.codes()));
        LocalDate start = date(required(request.start(), START, "the first day of the relationship as YYYY-MM-DD"), START);
        LocalDate end = request.end() == null ? null : date(request.end(), END);
        if (end != null && end.isBefore(start)) {
            throw RelationshipProblem.invalid(END, "end (" + end + ") is before start (" + start + ").");
        }
        if (kind == RelationshipKind.REPLACEMENT && end == null) {
            throw RelationshipProblem.invalid(END, "A replacement needs an end: a waarnemer stands in for a limited time.");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason();
        return new RelationshipFacts(bsn, ura, organizationType, uzi, kind, start, end, reason);
    }

    /** An end date is required; whether it falls on or after the start is checked against the stored relationship. */
    public static RelationshipEnd checkEnd(EndRequest request) {
        LocalDate end = date(required(request.end(), EndRequest.END, "the last day of the relationship as YYYY-MM-DD"), EndRequest.END);
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason();
        return new RelationshipEnd(end, reason);
    }

    /** The end must not lie before the relationship's start. */
    public static void requireEndNotBeforeStart(RelationshipEnd end, LocalDate start) {
        if (end.end().isBefore(start)) {
            throw RelationshipProblem.invalid(END, "end (" + end.end() + ") is before the relationship's start (" + start + ").");
        }
    }

    /**
     * An access request becomes an {@code access-request} relationship from {@code today} until
     * {@code today + validity}. The practitioner who asks and the reason are required: the
     * declaration is theirs, and a reason is what makes it a declaration (seed 000).
     */
    public static RelationshipFacts checkAccessRequest(AccessRequest request, LocalDate today, Period validity) {
        required(request.patient(), PATIENT, "the client's BSN");
        required(request.organization(), ORGANIZATION, "the URA of the practitioner's organisation");
        required(request.organizationType(), ORGANIZATION_TYPE, "an organisation type code such as G3 or V4");
        required(request.practitioner(), PRACTITIONER, "the UZI number of the practitioner who asks access");
        String reason = required(request.reason(), RelationshipRequest.REASON, "why the practitioner needs access to this client");
        return check(new RelationshipRequest(request.patient(), request.organization(), request.organizationType(),
                request.practitioner(), RelationshipKind.ACCESS_REQUEST.code(), today.toString(), today.plus(validity).toString(), reason));
    }

    private static String required(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw RelationshipProblem.invalid(field, field + " is required: " + what + ".");
        }
        return value;
    }

    private static RelationshipKind kind(String code) {
        return RelationshipKind.fromCode(code).orElseThrow(() -> RelationshipProblem.invalid(KIND,
                "kind must be one of " + RelationshipKind.codes() + "; got '" + code + "'."));
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw RelationshipProblem.invalid(field, field + " must be a date as YYYY-MM-DD: '" + value + "'.");
        }
    }
}
