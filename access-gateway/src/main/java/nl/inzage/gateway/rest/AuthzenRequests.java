package nl.inzage.gateway.rest;

import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.Identifiers;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.rest.AuthzenMessages.EvaluationRequest;

/** Reads an AuthZEN evaluation request into an {@link AccessRequest}, refusing what it cannot decide on. */
public final class AuthzenRequests {

    private static final Set<String> PURPOSES = Set.of("TREAT", "ETREAT");

    private AuthzenRequests() {
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public static AccessRequest toAccessRequest(EvaluationRequest request) {
        require(request != null, "The body must be an AuthZEN evaluation request with subject, action and resource.");
        require(request.subject() != null && "practitioner".equals(request.subject().type()), "subject.type must be 'practitioner'.");
        require(Identifiers.isValidUzi(request.subject().id()), "subject.id must be the practitioner's UZI number (nine digits).");
        require(request.action() != null && "read".equals(request.action().name()), "action.name must be 'read'.");
        require(request.resource() != null && "patient-data".equals(request.resource().type()), "resource.type must be 'patient-data'.");
        require(Identifiers.isValidBsn(request.resource().id()), "resource.id must be a valid BSN (nine digits passing the 11-test).");

        Map<String, Object> subject = properties(request.subject().properties());
        Map<String, Object> resource = properties(request.resource().properties());
        String organization = text(subject, "subject_organization_id");
        require(Identifiers.isValidUra(organization), "subject.properties.subject_organization_id must be a URA (eight digits).");
        String role = text(subject, "subject_role");
        require(role != null && !role.isBlank(), "subject.properties.subject_role is required.");
        require(isCode(role), "subject.properties.subject_role must be a role code (letters, digits, '-', '_').");
        String facilityType = text(subject, "subject_facility_type");
        require(facilityType != null && !facilityType.isBlank(), "subject.properties.subject_facility_type is required.");
        require(isCode(facilityType), "subject.properties.subject_facility_type must be an organisation type code.");
        String dataHolder = text(resource, "data_holder_organization_id");
        require(Identifiers.isValidUra(dataHolder), "resource.properties.data_holder_organization_id must be a URA (eight digits).");
        String category = text(resource, "data_category");
        require(category != null && !category.isBlank(), "resource.properties.data_category is required.");
        require(isCode(category), "resource.properties.data_category must be a category code (letters, digits, '-', '_').");
        String purpose = text(properties(request.context()), "purpose_of_use");
        purpose = purpose == null ? "TREAT" : purpose;
        require(PURPOSES.contains(purpose), "context.purpose_of_use must be TREAT or ETREAT.");

        return new AccessRequest(request.subject().id(), organization, facilityType, role, request.resource().id(),
                dataHolder, category, purpose);
    }

    /**
     * Role, organisation type and category are codes, never free text: they go into the audit record, and a NUL
     * character in one made the record unstorable for audit-service (tests/faults, RELIABILITY.md).
     */
    private static boolean isCode(String value) {
        return CODE.matcher(value).matches();
    }

    private static Map<String, Object> properties(Map<String, Object> properties) {
        return properties == null ? Map.of() : properties;
    }

    private static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value instanceof String s ? s : null;
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw ProblemException.badRequest(detail);
        }
    }
}
