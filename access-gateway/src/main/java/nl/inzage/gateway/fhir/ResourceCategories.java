package nl.inzage.gateway.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import nl.inzage.contracts.DataCategories;

/**
 * The data category of a FHIR resource: its data-category tag when present, else the configured
 * mapping by resource type and code, else by type alone; null when unknown, which hides it.
 */
public final class ResourceCategories {

    private final Map<String, String> byTypeAndCode;
    private final Map<String, String> byType;

    public ResourceCategories(Map<String, String> byTypeAndCode, Map<String, String> byType) {
        this.byTypeAndCode = byTypeAndCode;
        this.byType = byType;
    }

    public String of(JsonNode resource) {
        for (JsonNode tag : resource.path("meta").path("tag")) {
            if (DataCategories.SYSTEM.equals(tag.path("system").asText(null))) {
                String code = tag.path("code").asText(null);
                // A tag naming no known category hides the resource rather than falling back to a guess.
                return DataCategories.ALL.contains(code) ? code : null;
            }
        }
        String type = resource.path("resourceType").asText("");
        for (JsonNode coding : resource.path("code").path("coding")) {
            String category = byTypeAndCode.get(type + "|" + coding.path("system").asText("") + "|" + coding.path("code").asText(""));
            if (category != null) {
                return category;
            }
        }
        return byType.get(type);
    }
}
