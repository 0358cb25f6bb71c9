package nl.inzage.consent.migration;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import nl.inzage.consent.migration.Verdict.Result;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;

/**
 * Judges one migration record: {@code invalid} (it cannot be right: bad BSN, unknown organisation,
 * contradictory provisions), else {@code incomplete} (something the law requires is missing),
 * else {@code scope-not-migratable} (right and complete, but Mitz cannot express its scope), else
 * {@code valid}. The first of these that applies wins, so a record is fixed in that order. Pure:
 * no database, no clock but the date passed in.
 */
public class MigrationValidator {

    static final Set<String> STATUSES = Set.of("active", "rejected", "inactive");
    static final Set<String> METHODS = Set.of("oral", "written");
    static final List<String> CHECKLIST = List.of("purpose", "recipients", "working-method");

    private final MigrationRules rules;

    public MigrationValidator(MigrationRules rules) {
        this.rules = rules;
    }

    /**
     * @param onlyUra when a privacy officer runs the migration, her organisation: records of any other are refused
     * @param today   a date given after today is invalid
     */
    public Verdict judge(MigrationRecord record, String onlyUra, LocalDate today) {
        if (record.unreadable() != null) {
            return new Verdict(Result.INVALID, record.unreadable());
        }
        List<String> invalid = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        checkClient(record, invalid);
        checkDataHolder(record, onlyUra, invalid, missing);
        checkStatus(record, invalid);
        checkDate(record, today, invalid, missing);
        checkScope(record, invalid, missing);
        if ("active".equals(record.status())) {
            checkInformed(record, invalid, missing);
        }
        if (!invalid.isEmpty()) {
            return new Verdict(Result.INVALID, String.join("; ", invalid));
        }
        if (!missing.isEmpty()) {
            return new Verdict(Result.INCOMPLETE, "missing: " + String.join("; ", missing));
        }
        List<String> notExpressible = notExpressibleInMitz(record);
        if (!notExpressible.isEmpty()) {
            return new Verdict(Result.NOT_MIGRATABLE, String.join("; ", notExpressible));
        }
        return Verdict.VALID;
    }

    private static void checkClient(MigrationRecord record, List<String> invalid) {
        // The detail goes into the report: it never repeats the BSN.
        if (blank(record.bsn())) {
            invalid.add("no BSN");
        } else if (!Identifiers.isValidBsn(record.bsn())) {
            invalid.add("the BSN is not valid (nine digits passing the 11-test)");
        }
    }

    private void checkDataHolder(MigrationRecord record, String onlyUra, List<String> invalid, List<String> missing) {
        String ura = record.dataHolderUra();
        if (blank(ura)) {
            missing.add("data holder (URA)");
        } else if (!Identifiers.isValidUra(ura)) {
            invalid.add("the data holder is not a URA (eight digits)");
        } else if (!rules.knownOrganisations().contains(ura)) {
            invalid.add("unknown organisation " + ura);
        } else if (onlyUra != null && !onlyUra.equals(ura)) {
            invalid.add("organisation " + ura + " is not yours: a privacy officer migrates only her own organisation's consents");
        }
    }

    private static void checkStatus(MigrationRecord record, List<String> invalid) {
        if (blank(record.status())) {
            invalid.add("no status");
        } else if (!STATUSES.contains(record.status())) {
            invalid.add("status '" + shorten(record.status()) + "' is not a decided consent (one of " + new TreeSet<>(STATUSES) + ")");
        }
    }

    private static void checkDate(MigrationRecord record, LocalDate today, List<String> invalid, List<String> missing) {
        if (blank(record.dateGiven())) {
            missing.add("date given");
            return;
        }
        LocalDate date = date(record.dateGiven());
        if (date == null) {
            invalid.add("date given '" + shorten(record.dateGiven()) + "' is not a date (yyyy-mm-dd) or dateTime");
        } else if (date.isAfter(today)) {
            invalid.add("date given " + date + " is in the future");
        }
    }

    private static void checkInformed(MigrationRecord record, List<String> invalid, List<String> missing) {
        List<String> absent = new ArrayList<>();
        if (blank(record.informedBy())) {
            absent.add("by whom");
        }
        if (blank(record.informedMethod())) {
            absent.add("how (oral or written)");
        } else if (!METHODS.contains(record.informedMethod())) {
            invalid.add("informed method '" + shorten(record.informedMethod()) + "' is not oral or written");
        }
        for (String item : CHECKLIST) {
            if (!record.information().contains(item)) {
                absent.add("told '" + item + "'");
            }
        }
        if (!absent.isEmpty()) {
            missing.add("informed-consent record (" + String.join(", ", absent) + ")");
        }
    }

    private static void checkScope(MigrationRecord record, List<String> invalid, List<String> missing) {
        List<ConsentRule> scope = record.scope();
        for (ConsentRule rule : scope) {
            for (String category : rule.dataCategories()) {
                if (!DataCategories.ALL.contains(category)) {
                    invalid.add("unknown data category '" + shorten(category) + "'");
                }
            }
        }
        // The same requester and categories both permitted and denied: no rule can decide that.
        Map<String, String> effects = new HashMap<>();
        Set<String> contradicted = new HashSet<>();
        for (ConsentRule rule : scope) {
            String target = describe(rule);
            String earlier = effects.putIfAbsent(target, rule.effect());
            if (earlier != null && !earlier.equals(rule.effect())) {
                contradicted.add(target);
            }
        }
        for (String target : new TreeSet<>(contradicted)) {
            invalid.add("contradictory provisions: both permit and deny for " + target);
        }
        boolean permits = scope.stream().anyMatch(rule -> ConsentRule.PERMIT.equals(rule.effect()));
        if (("rejected".equals(record.status()) || "inactive".equals(record.status())) && permits) {
            invalid.add("contradictory provisions: status " + record.status() + " but the scope permits sharing");
        }
        if ("active".equals(record.status())) {
            if (scope.isEmpty() && blank(record.scopeText())) {
                missing.add("scope");
            } else if (!scope.isEmpty() && !permits) {
                invalid.add("contradictory provisions: status active but the scope permits nothing");
            }
        }
    }

    /** Mitz records consent per data holder for categories of consulting providers and its own data categories. */
    private List<String> notExpressibleInMitz(MigrationRecord record) {
        List<String> parts = new ArrayList<>();
        if (record.scope().isEmpty() && !blank(record.scopeText())) {
            parts.add("the scope is free text only ('" + shorten(record.scopeText()) + "'): Mitz needs coded provisions");
        }
        for (ConsentRule rule : record.scope()) {
            if (rule.organization() != null) {
                parts.add(rule.effect() + " for one organisation (" + rule.organization()
                        + "): Mitz knows consulting-provider categories, not individual organisations");
            } else if (rule.organizationType() != null && !rules.providerCategories().containsKey(rule.organizationType())) {
                parts.add(rule.effect() + " for organisation type " + rule.organizationType() + ": it has no Mitz consulting-provider category");
            }
            for (String category : rule.dataCategories()) {
                String mitz = rules.mitzDataCategories().get(category);
                if (mitz == null) {
                    parts.add(rule.effect() + " of data category " + category + ": it has no Mitz gegevenscategorie");
                    continue;
                }
                List<String> sharing = rules.mitzDataCategories().entrySet().stream()
                        .filter(e -> e.getValue().equals(mitz) && !rule.dataCategories().contains(e.getKey()))
                        .map(Map.Entry::getKey).sorted().toList();
                if (!sharing.isEmpty()) {
                    parts.add(rule.effect() + " of data category " + category + ": Mitz gegevenscategorie " + mitz
                            + " also covers " + String.join(", ", sharing));
                }
            }
        }
        return parts.stream().distinct().toList();
    }

    private static String describe(ConsentRule rule) {
        String actor = rule.organization() != null ? "organisation " + rule.organization()
                : rule.organizationType() != null ? "organisation type " + rule.organizationType() : "the whole network";
        List<String> categories = new ArrayList<>(new TreeSet<>(Objects.requireNonNullElse(rule.dataCategories(), List.of())));
        return actor + (categories.isEmpty() ? "" : " (" + String.join(", ", categories) + ")");
    }

    /** A date (2024-03-01) or a FHIR dateTime with offset; null when it is neither. */
    static LocalDate date(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value) : OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Enough of a bad value to find it, not a whole field pasted into the report. */
    private static String shorten(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
