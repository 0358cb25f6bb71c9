package nl.inzage.consent.rest;

public final class FhirMediaTypes {

    public static final String FHIR_JSON = "application/fhir+json";

    private FhirMediaTypes() {
    }
}
