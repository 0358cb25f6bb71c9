package nl.inzage.consent.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.inzage.consent.Fixtures;

/**
 * Generated regional-register exports with a known mix of records. The kinds are shuffled by a
 * seed, so two files with the same seed have the same kind at each position (with other clients).
 */
final class MigrationFiles {

    static final String HEADER = "bsn,data_holder_ura,status,date_given,informed_by,informed_method,information,scope,scope_text\n";
    static final String TOLD = "purpose;recipients;working-method";
    static final String[] HOLDERS = {"00000101", "00000201", "00000301"};

    enum Kind { VALID, INCOMPLETE, INVALID, NOT_MIGRATABLE }

    private MigrationFiles() {
    }

    static List<Kind> kinds(int valid, int incomplete, int invalid, int notMigratable, long seed) {
        List<Kind> kinds = new ArrayList<>();
        kinds.addAll(Collections.nCopies(valid, Kind.VALID));
        kinds.addAll(Collections.nCopies(incomplete, Kind.INCOMPLETE));
        kinds.addAll(Collections.nCopies(invalid, Kind.INVALID));
        kinds.addAll(Collections.nCopies(notMigratable, Kind.NOT_MIGRATABLE));
        Collections.shuffle(kinds, new Random(seed));
        return kinds;
    }

    /** One row per kind, each a client of its own; the variant of each kind cycles with its position. */
    static String csv(List<Kind> kinds) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < kinds.size(); i++) {
            csv.append(row(kinds.get(i), i, HOLDERS[i % HOLDERS.length])).append('\n');
        }
        return csv.toString();
    }

    static String row(Kind kind, int i, String holder) {
        String bsn = Fixtures.freshBsn();
        return switch (kind) {
            case VALID -> switch (i % 4) {
                case 0 -> String.join(",", bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*", "");
                case 1 -> String.join(",", bsn, holder, "active", "2023-11-15T10:30:00+01:00", "\"Bakker, M.\"", "written", TOLD,
                        "permit:*;deny:type=JGZ", "Toestemming behalve JGZ");
                case 2 -> String.join(",", bsn, holder, "active", "2024-01-10", "M. Bakker", "oral", TOLD, "permit:*;deny:*:lab-results", "");
                default -> String.join(",", bsn, holder, "rejected", "2024-02-02", "", "", "", "", "");
            };
            case INCOMPLETE -> switch (i % 3) {
                case 0 -> String.join(",", bsn, holder, "active", "", "J. de Vries", "oral", TOLD, "permit:*", "");
                case 1 -> String.join(",", bsn, holder, "active", "2024-03-01", "", "oral", "purpose", "permit:*", "");
                default -> String.join(",", bsn, "", "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*", "");
            };
            case INVALID -> switch (i % 3) {
                case 0 -> String.join(",", "999993654", holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*", "");
                case 1 -> String.join(",", bsn, "00000999", "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*", "");
                default -> String.join(",", bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*;deny:*", "");
            };
            case NOT_MIGRATABLE -> switch (i % 3) {
                case 0 -> String.join(",", bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*;deny:ura=00000201", "");
                case 1 -> String.join(",", bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "permit:*;deny:*:psychosocial", "");
                default -> String.join(",", bsn, holder, "active", "2024-03-01", "J. de Vries", "oral", TOLD, "",
                        "\"Alleen verloskundige en kraamzorg, niet het ziekenhuis\"");
            };
        };
    }
}
