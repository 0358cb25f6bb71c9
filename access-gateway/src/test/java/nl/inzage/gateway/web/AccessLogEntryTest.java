package nl.inzage.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogEntryTest {

    private static final Organizations ORGANIZATIONS = new Organizations(new WebConfig() {
        @Override
        public java.time.Duration changeWait() {
            return java.time.Duration.ofSeconds(1);
        }

        @Override
        public List<String> resourceTypes() {
            return List.of();
        }

        @Override
        public Map<String, Organization> organizations() {
            return Map.of("00000101", org("Verloskundigenpraktijk De Wieg", "G3"), "00000401", org("Huisartsenpraktijk Centrum", "Z3"));
        }
    });

    private static WebConfig.Organization org(String name, String type) {
        return new WebConfig.Organization() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String type() {
                return type;
            }
        };
    }

    private static String record(String when, String ura, String practitioner, String category, String outcome, boolean emergency,
            String reason) {
        return "{\"when\":\"" + when + "\",\"organization\":\"" + ura + "\",\"organizationType\":\"G3\",\"dataHolder\":\"00000101\","
                + "\"practitioner\":\"" + practitioner + "\",\"role\":\"huisarts\",\"category\":\"" + category + "\",\"action\":\"overview\","
                + "\"outcome\":\"" + outcome + "\",\"basis\":[\"consent\",\"" + (emergency ? "emergency" : "relationship") + "\"],"
                + "\"emergency\":" + emergency + ",\"emergencyReason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    @Test
    void oneLookIsOneLineNewestFirstWithEmergencyAccessesApart() throws Exception {
        String json = "[" + String.join(",",
                record("2026-11-23T10:00:01Z", "00000101", "J. de Vries", "pregnancy", "allowed", false, null),
                record("2026-11-23T10:00:01.2Z", "00000101", "J. de Vries", "ultrasound", "allowed", false, null),
                record("2026-11-23T10:00:01.3Z", "00000101", "J. de Vries", "psychosocial", "refused", false, null),
                record("2026-11-23T12:30:00Z", "00000401", "Dr. Jansen", "delivery", "allowed", true, "spoed"),
                record("2026-11-23T12:30:00.5Z", "00000401", "Dr. Jansen", "newborn", "allowed", true, "spoed")) + "]";
        List<AccessLogEntry> entries = AccessLogEntry.group(new ObjectMapper().readTree(json), ORGANIZATIONS);
        assertThat(entries).hasSize(2);
        AccessLogEntry emergency = entries.get(0);
        assertThat(emergency.emergency()).isTrue();
        assertThat(emergency.emergencyReason()).isEqualTo("spoed");
        assertThat(emergency.organization()).isEqualTo("Huisartsenpraktijk Centrum (huisartspraktijk)");
        assertThat(emergency.seen()).containsExactly("Bevalling", "Gegevens van het kind");
        AccessLogEntry look = entries.get(1);
        assertThat(look.emergency()).isFalse();
        assertThat(look.refused()).isEqualTo(1);
        assertThat(look.seen()).hasSize(2);
        assertThat(look.basis()).containsExactly("uw toestemming", "een behandelrelatie");
        assertThat(look.whenText()).isEqualTo("23-11-2026 11:00");
    }
}
