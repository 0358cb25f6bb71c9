package nl.inzage.consent;

import java.util.List;
import nl.inzage.contracts.ConsentRule;

/** What the register needs to know of a validated FHIR Consent: whose, held by whom, in what state, with which rules. */
public record ConsentFacts(String patientBsn, String custodianUra, String status, List<ConsentRule> rules) {
}
