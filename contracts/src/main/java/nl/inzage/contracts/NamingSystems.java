package nl.inzage.contracts;

/** FHIR identifier and code system URIs used across the product (see DOMAIN.md). */
public final class NamingSystems {

    public static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn";
    public static final String URA = "http://fhir.nl/fhir/NamingSystem/ura";
    public static final String UZI = "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers";
    public static final String UZI_ROLE = "http://fhir.nl/fhir/NamingSystem/uzi-rolcode";
    public static final String ORGANIZATION_TYPE = "http://nictiz.nl/fhir/NamingSystem/organization-type";

    private NamingSystems() {
    }
}
