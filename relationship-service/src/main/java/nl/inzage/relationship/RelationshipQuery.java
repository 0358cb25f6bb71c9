package nl.inzage.relationship;

import nl.inzage.contracts.Identifiers;

/**
 * A checked search: the relationships of one client, optionally with one organisation, optionally
 * only those in force today (status active and today within [start, end]).
 */
public record RelationshipQuery(String patientBsn, String organizationUra, boolean activeOnly) {

    public static final String PATIENT = "patient";
    public static final String ORGANIZATION = "organization";
    public static final String ACTIVE = "active";

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

    public RelationshipQuery forOrganization(String ura) {
        return new RelationshipQuery(patientBsn, ura, activeOnly);
    }
}
