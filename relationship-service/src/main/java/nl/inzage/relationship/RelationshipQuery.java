package nl.inzage.relationship;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.Identifiers;

/**
 * A checked search: the relationships of one client, optionally with one organisation, optionally
 * only those in force today (status active and today within [start, end]).
 */
public record RelationshipQuery(String patientBsn, String organizationUra, boolean activeOnly) {

    public static final String PATIENT = "patient";
    public static final String ORGANIZATION = "organization";
    public static final String ACTIVE = "active";
    /** The header that carries a conditional registration's criteria. */
    public static final String CRITERIA = "If-None-Exist";

    public static RelationshipQuery of(String patient, String organization, String active) {
        if (patient == null || patient.isBlank()) {
            throw RelationshipProblem.invalid(PATIENT, "patient is required: search the relationships of one client by BSN.");
        }
        if (!Identifiers.isValidBsn(patient)) {
            // The value is not echoed: a near-miss BSN is still personal data.
            throw RelationshipProblem.invalid(PATIENT, "patient is not a valid BSN (nine digits passing the 11-test).");
        }
        if (organization != null && !Identifiers.isValidUra(organization)) {
            throw RelationshipProblem.invalid(ORGANIZATION, "organization, when given, must be a URA (eight digits): '" + organization + "'.");
        }
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw RelationshipProblem.invalid(ACTIVE, "active, when given, must be true or false: '" + active + "'.");
        }
        return new RelationshipQuery(patient, organization, "true".equals(active));
    }

    /**
     * The criteria of a conditional registration, given as search parameters in the If-None-Exist
     * header ({@code patient={bsn}&organization={ura}&active=true}, FHIR's conditional create).
     */
    public static RelationshipQuery ofCriteria(String ifNoneExist) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : ifNoneExist.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals <= 0 ? "" : decoded(pair.substring(0, equals));
            if (!Set.of(PATIENT, ORGANIZATION, ACTIVE).contains(name) || parameters.put(name, decoded(pair.substring(equals + 1))) != null) {
                throw RelationshipProblem.invalid(CRITERIA, "If-None-Exist must be search parameters, each once: patient={bsn},"
                        + " optionally organization={ura} and active=true|false, joined by &.");
            }
        }
        return of(parameters.get(PATIENT), parameters.get(ORGANIZATION), parameters.get(ACTIVE));
    }

    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RelationshipProblem.invalid(CRITERIA, "If-None-Exist has a broken %-escape.");
        }
    }

    public RelationshipQuery forOrganization(String ura) {
        return new RelationshipQuery(patientBsn, ura, activeOnly);
    }
}
