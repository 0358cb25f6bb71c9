package nl.inzage.consent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.inzage.consent.FhirProblem;
import nl.inzage.contracts.ConsentRule;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    static final String HEADER = "bsn,data_holder_ura,status,date_given,informed_by,informed_method,information,scope,scope_text\n";

    static List<MigrationRecord> read(String csv) throws IOException {
        List<MigrationRecord> records = new ArrayList<>();
        try (CsvRecords reader = new CsvRecords(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    void readsEachRowWithItsNumberFieldsAndProvisions() throws IOException {
        List<MigrationRecord> records = read(HEADER
                + "999993653,00000101,active,2024-03-01,\"de Vries, J.\",oral,purpose;recipients;working-method,permit:*;deny:type=V4:ultrasound+lab-results,\n"
                + "999990019,00000201,rejected,2024-04-01,,,,,\n");

        assertThat(records).hasSize(2);
        MigrationRecord first = records.get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.informedBy()).isEqualTo("de Vries, J.");
        assertThat(first.information()).containsExactly("purpose", "recipients", "working-method");
        assertThat(first.scope()).containsExactly(new ConsentRule("permit", null, null, null, List.of()),
                new ConsentRule("deny", null, "V4", null, List.of("ultrasound", "lab-results")));
        assertThat(records.get(1).number()).isEqualTo(2);
        assertThat(records.get(1).informedBy()).isNull();
        assertThat(records.get(1).scope()).isEmpty();
    }

    @Test
    void columnsMayComeInAnyOrderAndScopeTextIsOptional() throws IOException {
        List<MigrationRecord> records = read("\uFEFFSCOPE,bsn,status,data_holder_ura,date_given,informed_by,informed_method,information\n"
                + "deny:ura=00000201,999993653,active,00000101,2024-03-01,x,written,purpose\n");

        assertThat(records.get(0).dataHolderUra()).isEqualTo("00000101");
        assertThat(records.get(0).scope()).containsExactly(new ConsentRule("deny", "00000201", null, null, List.of()));
        assertThat(records.get(0).scopeText()).isNull();
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsOrAnUnreadableScopeIsUnreadableNotFatal() throws IOException {
        List<MigrationRecord> records = read(HEADER + "999993653,00000101\n" + "999993653,00000101,active,2024-03-01,x,oral,purpose,allow everyone,\n"
                + "999993653,00000101,active,2024-03-01,x,oral,purpose,permit:*,\n");

        assertThat(records.get(0).unreadable()).isEqualTo("the row has 2 fields, the header 9");
        assertThat(records.get(1).unreadable()).contains("scope item 1 is not effect:actor[:categories]");
        assertThat(records.get(2).unreadable()).isNull();
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedBeforeAnyRecord() {
        assertThatThrownBy(() -> read("bsn,status\n999993653,active\n"))
                .isInstanceOf(FhirProblem.class)
                .hasMessageContaining("lacks the column(s) [data_holder_ura, date_given, informed_by, informed_method, information, scope]");
    }

    @Test
    void theSameRowHasTheSameContentWhateverItsPosition() throws IOException {
        String row = "999993653,00000101,active,2024-03-01,x,oral,purpose,permit:*,\n";
        List<MigrationRecord> records = read(HEADER + row + row);

        assertThat(RecordJudge.key("r", records.get(0).content())).isEqualTo(RecordJudge.key("r", records.get(1).content()));
        assertThat(RecordJudge.key("r", records.get(0).content())).isNotEqualTo(RecordJudge.key("other", records.get(0).content()));
    }
}
