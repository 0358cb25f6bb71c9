package nl.inzage.consent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import nl.inzage.consent.migration.Verdict.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationValidatorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final MigrationRules RULES = new MigrationRules(Set.of("00000101", "00000201"),
            Map.of("V4", "RPZAC104", "JGZ", "RPZAC103"),
            Map.of("pregnancy", "GGC002", "psychosocial", "GGC002", "lab-results", "uitslagen", "medication", "medicatiegegevens"));

    /** A complete, migratable record; each case changes one thing. */
    static MigrationRecord good() {
        return new MigrationRecord(7, "999993653", "00000101", "active", "2024-03-01", "J. de Vries", "oral",
                List.of("purpose", "recipients", "working-method"), CsvRecords.scope("permit:*"), null, null, null, "x");
    }

    static Arguments when(String what, UnaryOperator<MigrationRecord> change, Result result, String detail) {
        return Arguments.of(what, change, result, detail);
    }

    static MigrationRecord with(MigrationRecord r, String field, Object value) {
        return new MigrationRecord(r.number(),
                field.equals("bsn") ? (String) value : r.bsn(),
                field.equals("ura") ? (String) value : r.dataHolderUra(),
                field.equals("status") ? (String) value : r.status(),
                field.equals("date") ? (String) value : r.dateGiven(),
                field.equals("by") ? (String) value : r.informedBy(),
                field.equals("method") ? (String) value : r.informedMethod(),
                field.equals("information") ? List.of(((String) value).split(";")) : r.information(),
                field.equals("scope") ? CsvRecords.scope((String) value) : r.scope(),
                field.equals("scopeText") ? (String) value : r.scopeText(),
                null, null, r.content());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                when("a complete network-wide permit", r -> r, Result.VALID, null),
                when("a refusal without scope or informed record", r -> with(with(with(r, "status", "rejected"), "scope", ""), "by", null),
                        Result.VALID, null),
                when("a permit with a deny of an organisation type Mitz knows", r -> with(r, "scope", "permit:*;deny:type=JGZ"), Result.VALID, null),
                when("a dateTime as date given", r -> with(r, "date", "2024-03-01T10:00:00+01:00"), Result.VALID, null),
                when("a deny of a data category that is a whole Mitz category", r -> with(r, "scope", "permit:*;deny:*:lab-results"),
                        Result.VALID, null),

                when("no date", r -> with(r, "date", null), Result.INCOMPLETE, "missing: date given"),
                when("no data holder", r -> with(r, "ura", null), Result.INCOMPLETE, "missing: data holder (URA)"),
                when("no informed-consent record", r -> with(with(with(r, "by", null), "method", null), "information", ""),
                        Result.INCOMPLETE, "informed-consent record (by whom, how (oral or written), told 'purpose', told 'recipients', told 'working-method')"),
                when("not told how it works", r -> with(r, "information", "purpose;recipients"), Result.INCOMPLETE,
                        "missing: informed-consent record (told 'working-method')"),
                when("an active consent with no scope", r -> with(r, "scope", ""), Result.INCOMPLETE, "missing: scope"),

                when("a BSN failing the 11-test", r -> with(r, "bsn", "999993654"), Result.INVALID, "the BSN is not valid"),
                when("no BSN", r -> with(r, "bsn", null), Result.INVALID, "no BSN"),
                when("an unknown organisation", r -> with(r, "ura", "00000999"), Result.INVALID, "unknown organisation 00000999"),
                when("a data holder that is no URA", r -> with(r, "ura", "12345"), Result.INVALID, "not a URA"),
                when("permit and deny of the same thing", r -> with(r, "scope", "permit:*;deny:*"), Result.INVALID,
                        "contradictory provisions: both permit and deny for the whole network"),
                when("a refusal whose scope permits", r -> with(r, "status", "rejected"), Result.INVALID,
                        "status rejected but the scope permits sharing"),
                when("an active consent that permits nothing", r -> with(r, "scope", "deny:*:psychosocial"), Result.INVALID,
                        "status active but the scope permits nothing"),
                when("an unknown data category", r -> with(r, "scope", "permit:*;deny:*:gossip"), Result.INVALID, "unknown data category 'gossip'"),
                when("a status that is no decision", r -> with(r, "status", "proposed"), Result.INVALID, "status 'proposed' is not a decided consent"),
                when("a date in the future", r -> with(r, "date", "2027-01-01"), Result.INVALID, "date given 2027-01-01 is in the future"),
                when("a date that is no date", r -> with(r, "date", "1 maart"), Result.INVALID, "is not a date"),
                when("an unknown informed method", r -> with(r, "method", "telepathy"), Result.INVALID, "is not oral or written"),
                when("invalid beats incomplete", r -> with(with(r, "bsn", "123"), "date", null), Result.INVALID, "the BSN is not valid"),

                when("the exclusion of one organisation", r -> with(r, "scope", "permit:*;deny:ura=00000201"), Result.NOT_MIGRATABLE,
                        "deny for one organisation (00000201): Mitz knows consulting-provider categories, not individual organisations"),
                when("an organisation type without Mitz category", r -> with(r, "scope", "permit:*;deny:type=G3"), Result.NOT_MIGRATABLE,
                        "deny for organisation type G3: it has no Mitz consulting-provider category"),
                when("a data category without Mitz category", r -> with(r, "scope", "permit:*;deny:*:ultrasound"), Result.NOT_MIGRATABLE,
                        "deny of data category ultrasound: it has no Mitz gegevenscategorie"),
                when("part of a Mitz category", r -> with(r, "scope", "permit:*;deny:*:psychosocial"), Result.NOT_MIGRATABLE,
                        "deny of data category psychosocial: Mitz gegevenscategorie GGC002 also covers pregnancy"),
                when("free text only", r -> with(with(r, "scope", ""), "scopeText", "alleen de verloskundige"), Result.NOT_MIGRATABLE,
                        "the scope is free text only ('alleen de verloskundige')"));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("cases")
    void judgesEachRecordByTheFirstRuleThatApplies(String what, UnaryOperator<MigrationRecord> change, Result result, String detail) {
        Verdict verdict = new MigrationValidator(RULES).judge(change.apply(good()), null, TODAY);

        assertThat(verdict.result()).as(what).isEqualTo(result);
        if (detail == null) {
            assertThat(verdict.detail()).isNull();
        } else {
            assertThat(verdict.detail()).contains(detail);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neverNamesTheBsnInTheDetail(String what, UnaryOperator<MigrationRecord> change, Result result, String detail) {
        MigrationRecord record = change.apply(good());
        Verdict verdict = new MigrationValidator(RULES).judge(record, null, TODAY);

        if (record.bsn() != null && verdict.detail() != null) {
            assertThat(verdict.detail()).doesNotContain(record.bsn());
        }
    }

    @org.junit.jupiter.api.Test
    void aPrivacyOfficerMigratesOnlyHerOwnOrganisation() {
        MigrationValidator validator = new MigrationValidator(RULES);

        assertThat(validator.judge(good(), "00000101", TODAY).result()).isEqualTo(Result.VALID);
        Verdict other = validator.judge(with(good(), "ura", "00000201"), "00000101", TODAY);
        assertThat(other.result()).isEqualTo(Result.INVALID);
        assertThat(other.detail()).contains("organisation 00000201 is not yours");
    }

    @org.junit.jupiter.api.Test
    void anUnreadableRecordIsInvalidWithTheReason() {
        Verdict verdict = new MigrationValidator(RULES).judge(MigrationRecord.unreadable(3, "the row has 2 fields, the header 9", "x"), null, TODAY);

        assertThat(verdict).isEqualTo(new Verdict(Result.INVALID, "the row has 2 fields, the header 9"));
    }
}
