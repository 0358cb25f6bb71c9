package nl.inzage.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One look at the client's data as her access log shows it: the audit log records every decision
 * (per data holder and category), which she reads grouped per practitioner, action and minute.
 */
@TemplateData
public record AccessLogEntry(Instant when, String whenText, String practitioner, String role, String organization,
        List<String> seen, List<String> dataHolders, int refused, List<String> basis, boolean emergency, String emergencyReason) {

    /** {@code records}: the JSON array of audit-service's {@code GET /audit/me}. */
    public static List<AccessLogEntry> group(JsonNode records, Organizations organizations) {
        Map<String, Builder> groups = new LinkedHashMap<>();
        for (JsonNode record : records) {
            Instant when = Instant.parse(record.path("when").asText());
            String key = String.join("|", when.truncatedTo(ChronoUnit.MINUTES).toString(), record.path("organization").asText(""),
                    record.path("practitioner").asText(""), record.path("role").asText(""), record.path("action").asText(""),
                    String.valueOf(record.path("emergency").asBoolean()), record.path("emergencyReason").asText(""));
            Builder group = groups.computeIfAbsent(key, ignored -> new Builder(record, when));
            group.add(record, when);
        }
        return groups.values().stream().map(group -> group.build(organizations))
                .sorted(Comparator.comparing(AccessLogEntry::when).reversed()).toList();
    }

    private static final class Builder {
        private final JsonNode first;
        private Instant latest;
        private final TreeSet<String> seen = new TreeSet<>();
        private final TreeSet<String> holders = new TreeSet<>();
        private final TreeSet<String> basis = new TreeSet<>();
        private int refused;

        Builder(JsonNode first, Instant when) {
            this.first = first;
            this.latest = when;
        }

        void add(JsonNode record, Instant when) {
            if (when.isAfter(latest)) {
                latest = when;
            }
            if ("allowed".equals(record.path("outcome").asText())) {
                seen.add(record.path("category").asText());
                holders.add(record.path("dataHolder").asText());
                record.path("basis").forEach(b -> basis.add(b.asText()));
            } else {
                refused++;
            }
        }

        AccessLogEntry build(Organizations organizations) {
            List<String> seenLabels = new ArrayList<>();
            for (String category : Labels.CATEGORIES.keySet()) {
                if (seen.contains(category)) {
                    seenLabels.add(Labels.category(category));
                }
            }
            List<String> basisLabels = basis.stream().map(code -> switch (code) {
                case "consent" -> "uw toestemming";
                case "relationship" -> "een behandelrelatie";
                case "emergency" -> "noodtoegang";
                default -> code;
            }).toList();
            String ura = first.path("organization").asText(null);
            String practitioner = first.path("practitioner").asText(null);
            return new AccessLogEntry(latest, Labels.dateTime(latest),
                    practitioner == null || practitioner.isBlank() ? "Onbekende zorgverlener" : practitioner,
                    Labels.role(first.path("role").asText(null)),
                    ura == null ? "" : organizations.describe(ura),
                    seenLabels, holders.stream().filter(Objects::nonNull).map(organizations::name).toList(), refused, basisLabels,
                    first.path("emergency").asBoolean(), first.path("emergencyReason").asText(null));
        }
    }

    public String seenText() {
        return seen.isEmpty() ? "niets (toegang geweigerd)" : String.join(", ", seen.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }
}
