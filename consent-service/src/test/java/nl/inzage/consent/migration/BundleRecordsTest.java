package nl.inzage.consent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.Fixtures;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.contracts.ConsentRule;
import org.junit.jupiter.api.Test;

class BundleRecordsTest {

    static final ConsentReader READER = new ConsentReader(FhirContextProducer.newContext());

    static List<MigrationRecord> read(String json) throws IOException {
        List<MigrationRecord> records = new ArrayList<>();
        try (BundleRecords reader = new BundleRecords(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new ObjectMapper(), READER)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    @Test
    void readsEachConsentEntryWithItsFieldsAndProvisions() throws IOException {
        String consent = Fixtures.fixture("consent-active-00000101.json");
        List<MigrationRecord> records = read("{\"resourceType\":\"Bundle\",\"id\":\"x\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:1\",\"resource\":" + consent + ",\"request\":{\"method\":\"POST\",\"url\":\"Consent\"}},"
                + "{\"resource\":{\"resourceType\":\"Patient\"}},"
                + "{\"request\":{\"method\":\"POST\"}}],\"signature\":{}}");

        assertThat(records).hasSize(3);
        MigrationRecord first = records.get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.bsn()).isEqualTo("999993653");
        assertThat(first.dataHolderUra()).isEqualTo("00000101");
        assertThat(first.status()).isEqualTo("active");
        assertThat(first.informedMethod()).isEqualTo("oral");
        assertThat(first.information()).containsExactly("purpose", "recipients", "working-method");
        assertThat(first.scope()).containsExactly(new ConsentRule("permit", null, null, null, List.of()),
                new ConsentRule("deny", null, "JGZ", null, List.of()));
        assertThat(first.consent()).isNotNull();
        assertThat(records.get(1).unreadable()).contains("Expected resourceType 'Consent'");
        assertThat(records.get(2).unreadable()).isEqualTo("the entry has no resource");
    }

    @Test
    void somethingOtherThanABundleIsRefusedBeforeAnyRecord() {
        assertThatThrownBy(() -> read("{\"resourceType\":\"Consent\",\"entry\":[]}")).isInstanceOf(FhirProblem.class)
                .hasMessageContaining("Expected a FHIR Bundle");
        assertThatThrownBy(() -> read("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}")).isInstanceOf(FhirProblem.class)
                .hasMessageContaining("Bundle.type must be one of");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(FhirProblem.class);
    }

    @Test
    void aBundleThatBreaksOffStopsWithTheRecordsBeforeIt() {
        String consent = Fixtures.fixture("consent-active-00000101.json");
        List<MigrationRecord> records = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (BundleRecords reader = new BundleRecords(new ByteArrayInputStream(("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"resource\":"
                    + consent + "},{\"resource\":{\"resourceType\":").getBytes(StandardCharsets.UTF_8)), new ObjectMapper(), READER)) {
                reader.forEachRemaining(records::add);
            }
        }).isInstanceOf(UnreadableFile.class);
        assertThat(records).hasSize(1);
    }
}
