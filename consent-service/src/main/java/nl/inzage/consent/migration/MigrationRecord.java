package nl.inzage.consent.migration;

import java.util.List;
import nl.inzage.contracts.ConsentRule;
import org.hl7.fhir.r4.model.Consent;

/**
 * One consent as a regional register exported it, read from a CSV row or a Bundle entry, before
 * it is judged. Fields are as given (null when absent); nothing here is checked yet.
 *
 * @param number      the record's position in the file, from 1: how the report names it (never by BSN)
 * @param scope       the provisions, as {@link ConsentRule}s; data categories not yet checked
 * @param scopeText   the register's free-text description of the scope, if any
 * @param consent     the FHIR Consent as sent (Bundle entries), or null (CSV: built on import)
 * @param unreadable  why the record could not be read at all, or null
 * @param content     the record's content in one canonical string: with the register it makes the record key
 */
public record MigrationRecord(long number, String bsn, String dataHolderUra, String status, String dateGiven,
        String informedBy, String informedMethod, List<String> information, List<ConsentRule> scope, String scopeText,
        Consent consent, String unreadable, String content) {

    public static MigrationRecord unreadable(long number, String why, String content) {
        return new MigrationRecord(number, null, null, null, null, null, null, List.of(), List.of(), null, null, why, content);
    }
}
