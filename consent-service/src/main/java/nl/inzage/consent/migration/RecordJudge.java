package nl.inzage.consent.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.InformedConsent;
import nl.inzage.consent.migration.Verdict.Result;
import nl.inzage.contracts.Identifiers;
import org.hl7.fhir.r4.model.Consent;

/**
 * Turns a record into what a batch commits: the validator's verdict and, for a valid record, the
 * Consent as the register will store it (checked by the register's own reader, like any write)
 * and its record key.
 */
class RecordJudge {

    private final MigrationValidator validator;
    private final ConsentReader reader;
    private final String register;
    private final String onlyUra;
    private final LocalDate today;

    RecordJudge(MigrationValidator validator, ConsentReader reader, String register, String onlyUra, LocalDate today) {
        this.validator = validator;
        this.reader = reader;
        this.register = register;
        this.onlyUra = onlyUra;
        this.today = today;
    }

    Judged judge(MigrationRecord record) {
        String organisation = Identifiers.isValidUra(record.dataHolderUra()) ? record.dataHolderUra() : null;
        Verdict verdict = validator.judge(record, onlyUra, today);
        if (!verdict.valid()) {
            return new Judged(record.number(), organisation, verdict, null, null, null);
        }
        Consent consent = record.consent() != null ? record.consent() : MigratedConsent.fromCsv(record);
        if (consent.getStatus() == Consent.ConsentState.ACTIVE) {
            List<String> missing;
            try {
                missing = InformedConsent.missing(consent);
            } catch (FhirProblem problem) {
                // e.g. an informed-consent extension given twice
                return new Judged(record.number(), organisation, new Verdict(Result.INVALID, problem.getMessage()), null, null, null);
            }
            if (!missing.isEmpty()) {
                return new Judged(record.number(), organisation,
                        new Verdict(Result.INCOMPLETE, "missing: informed-consent record (" + String.join("; ", missing) + ")"), null, null, null);
            }
        }
        ConsentFacts facts;
        try {
            reader.requireValidR4(consent);
            facts = reader.facts(consent);
        } catch (FhirProblem problem) {
            return new Judged(record.number(), organisation, new Verdict(Result.INVALID, problem.getMessage()), null, null, null);
        }
        return new Judged(record.number(), organisation, verdict, key(register, record.content()), consent, facts);
    }

    /** The same record of the same register has the same key in every file and every run. */
    static String key(String register, String content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(register.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0x1e);
            return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
