package nl.inzage.consent.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nl.inzage.consent.FhirProblem;
import nl.inzage.contracts.ConsentRule;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the CSV export of a regional register, one row per consent, with a header row naming the
 * columns (any order; names as below, case-insensitive):
 * <ul>
 *   <li>{@code bsn}, {@code data_holder_ura}, {@code status} ({@code active} | {@code rejected} | {@code inactive}),
 *       {@code date_given} (yyyy-mm-dd or a dateTime);</li>
 *   <li>how she was informed: {@code informed_by}, {@code informed_method} ({@code oral} | {@code written}),
 *       {@code information} (what she was told, {@code ;}-separated: {@code purpose;recipients;working-method});</li>
 *   <li>{@code scope}: provisions, {@code ;}-separated, each {@code effect:actor[:categories]} with effect
 *       {@code permit} | {@code deny}, actor {@code *} (the whole network) | {@code ura=<URA>} | {@code type=<organisation type>},
 *       categories {@code +}-separated data categories (e.g. {@code permit:*;deny:*:psychosocial});</li>
 *   <li>optional {@code scope_text}: the register's own description of the scope.</li>
 * </ul>
 * Streams: Commons CSV reads a row at a time from a buffered reader.
 */
public class CsvRecords implements MigrationRecords {

    public static final List<String> REQUIRED_COLUMNS = List.of("bsn", "data_holder_ura", "status", "date_given",
            "informed_by", "informed_method", "information", "scope");
    public static final String SCOPE_TEXT = "scope_text";

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final Map<String, Integer> columns;
    /** Column index by lower-case name, without a byte-order mark. */
    private final Map<String, Integer> index = new java.util.HashMap<>();

    /** Reads the header; refuses a file without one of the required columns. */
    public CsvRecords(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreHeaderCase(true)
                .setAllowMissingColumnNames(true)
                .get();
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw FhirProblem.invalid("The CSV header cannot be read: " + e.getMessage());
        }
        columns = parser.getHeaderMap();
        columns.forEach((name, position) -> {
            if (name != null) {
                index.putIfAbsent(name.replace("\uFEFF", "").trim().toLowerCase(), position);
            }
        });
        List<String> absent = REQUIRED_COLUMNS.stream().filter(name -> column(name) == null).toList();
        if (!absent.isEmpty()) {
            parser.close();
            throw FhirProblem.invalid("The CSV header lacks the column(s) " + absent + "; required: " + REQUIRED_COLUMNS
                    + ", optional: " + SCOPE_TEXT + ".");
        }
        rows = parser.iterator();
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public MigrationRecord next() {
        CSVRecord row = rows.next();
        long number = row.getRecordNumber();
        String content = String.join("\u001f", row.values());
        if (!row.isConsistent()) {
            return MigrationRecord.unreadable(number, "the row has " + row.size() + " fields, the header " + columns.size(), content);
        }
        List<ConsentRule> scope;
        try {
            scope = scope(get(row, "scope"));
        } catch (IllegalArgumentException e) {
            return MigrationRecord.unreadable(number, e.getMessage(), content);
        }
        return new MigrationRecord(number, get(row, "bsn"), get(row, "data_holder_ura"), get(row, "status"),
                get(row, "date_given"), get(row, "informed_by"), get(row, "informed_method"), list(get(row, "information")),
                scope, get(row, SCOPE_TEXT), null, null, content);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** {@code permit:*;deny:type=V4:ultrasound+lab-results} as rules; an unreadable item is refused with its position. */
    static List<ConsentRule> scope(String text) {
        List<ConsentRule> rules = new ArrayList<>();
        List<String> items = list(text);
        for (int i = 0; i < items.size(); i++) {
            String[] parts = items.get(i).split(":", -1);
            String effect = parts[0].trim().toLowerCase();
            if (parts.length < 2 || parts.length > 3 || !(effect.equals(ConsentRule.PERMIT) || effect.equals(ConsentRule.DENY))) {
                throw new IllegalArgumentException("scope item " + (i + 1) + " is not effect:actor[:categories] (e.g. permit:* or deny:*:psychosocial)");
            }
            String actor = parts[1].trim();
            String organization = null;
            String organizationType = null;
            if (actor.startsWith("ura=")) {
                organization = actor.substring(4);
            } else if (actor.startsWith("type=")) {
                organizationType = actor.substring(5);
            } else if (!actor.equals("*")) {
                throw new IllegalArgumentException("scope item " + (i + 1) + ": the actor must be *, ura=<URA> or type=<organisation type>");
            }
            if ((organization != null && organization.isBlank()) || (organizationType != null && organizationType.isBlank())) {
                throw new IllegalArgumentException("scope item " + (i + 1) + ": the actor names no organisation or type");
            }
            List<String> categories = parts.length == 3
                    ? Arrays.stream(parts[2].split("\\+")).map(String::trim).filter(c -> !c.isEmpty()).toList()
                    : List.of();
            rules.add(new ConsentRule(effect, organization, organizationType, null, categories));
        }
        return rules;
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(";")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private String get(CSVRecord row, String name) {
        Integer position = column(name);
        if (position == null || position >= row.size()) {
            return null;
        }
        String value = row.get(position);
        return value.isBlank() ? null : value.trim();
    }

    private Integer column(String name) {
        return index.get(name);
    }
}
