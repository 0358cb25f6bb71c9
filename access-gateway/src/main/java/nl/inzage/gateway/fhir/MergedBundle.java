package nl.inzage.gateway.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.NamingSystems;
import nl.inzage.gateway.fhir.DataHolderSearch.Answer;

/**
 * Merges the holders' answers into one searchset Bundle: only resources whose category this
 * practitioner may see at that holder, each tagged with its data holder; a holder that gave no
 * answer becomes an OperationOutcome warning, so the viewer knows the result is partial.
 */
public final class MergedBundle {

    private MergedBundle() {
    }

    public static ObjectNode of(List<Answer> answers, Map<String, Set<String>> visibleByHolder, ResourceCategories categories,
            ObjectMapper mapper) {
        ObjectNode bundle = mapper.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = mapper.createArrayNode();
        int matches = 0;
        for (Answer answer : answers) {
            if (answer.bundle() == null) {
                entries.add(warning(answer, mapper));
                continue;
            }
            Set<String> visible = visibleByHolder.getOrDefault(answer.holder(), Set.of());
            for (JsonNode entry : answer.bundle().path("entry")) {
                JsonNode resource = entry.path("resource");
                if (!resource.isObject() || "outcome".equals(entry.path("search").path("mode").asText())) {
                    continue;
                }
                String category = categories.of(resource);
                if (category == null || !visible.contains(category)) {
                    continue;
                }
                ObjectNode tagged = ((ObjectNode) resource).deepCopy();
                ObjectNode meta = tagged.has("meta") && tagged.get("meta").isObject() ? (ObjectNode) tagged.get("meta") : tagged.putObject("meta");
                ArrayNode tags = meta.has("tag") && meta.get("tag").isArray() ? (ArrayNode) meta.get("tag") : meta.putArray("tag");
                tags.addObject().put("system", NamingSystems.URA).put("code", answer.holder()).put("display", "data holder");
                ObjectNode merged = entries.addObject();
                if (entry.hasNonNull("fullUrl")) {
                    merged.set("fullUrl", entry.get("fullUrl"));
                }
                merged.set("resource", tagged);
                merged.putObject("search").put("mode", "match");
                matches++;
            }
        }
        bundle.put("total", matches);
        bundle.set("entry", entries);
        return bundle;
    }

    private static ObjectNode warning(Answer answer, ObjectMapper mapper) {
        ObjectNode entry = mapper.createObjectNode();
        ObjectNode outcome = entry.putObject("resource").put("resourceType", "OperationOutcome");
        outcome.putArray("issue").addObject()
                .put("severity", "warning")
                .put("code", "incomplete")
                .put("diagnostics", "Data holder " + answer.holder() + " " + answer.problem() + "; its data is missing from this result.");
        entry.putObject("search").put("mode", "outcome");
        return entry;
    }
}
