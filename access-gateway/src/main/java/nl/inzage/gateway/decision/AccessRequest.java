package nl.inzage.gateway.decision;

/**
 * One question to the decision point: may this practitioner read this category of this client's
 * data held by this data holder?
 *
 * @param purposeOfUse {@code TREAT} or {@code ETREAT}
 */
public record AccessRequest(
        String practitionerUzi,
        String organizationUra,
        String organizationType,
        String role,
        String patientBsn,
        String dataHolderUra,
        String dataCategory,
        String purposeOfUse) {
}
