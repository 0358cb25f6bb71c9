package nl.inzage.consent;

/** A consent version as stored: its FHIR JSON, version and the store revision it produced. */
public record StoredConsent(String id, int version, long revision, String status, String resource) {
}
