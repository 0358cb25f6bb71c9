package nl.inzage.consent.migration;

import nl.inzage.consent.ConsentFacts;
import org.hl7.fhir.r4.model.Consent;

/**
 * A record with its verdict, ready to be committed: for a valid record the Consent to store and
 * its facts, and the record key that makes its import happen once.
 *
 * @param organisation the data holder's URA when well-formed, else null (the report names no other field)
 */
public record Judged(long number, String organisation, Verdict verdict, String key, Consent consent, ConsentFacts facts) {
}
