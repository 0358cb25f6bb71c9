package nl.inzage.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.inzage.contracts.NamingSystems;

/** One consent as the client reads it in her portal. */
@TemplateData
public record ConsentCard(String id, int version, String organization, String organizationName, String organizationType,
        String status, String statusLabel, boolean active, String since, String lastChanged, String informedBy, String informedAt,
        String informedMethod, List<String> informedAbout, String scope, List<Rule> rules) {

    /** A nested provision: an exception to the base choice. {@code index} addresses it for "weer toestaan". */
    @TemplateData
    public record Rule(int index, boolean deny, String text) {
    }

    public static final String INFORMED_CONSENT = "http://inzage.nl/fhir/StructureDefinition/informed-consent";

    public static ConsentCard of(JsonNode consent, Organizations organizations) {
        String ura = consent.path("organization").path(0).path("identifier").path("value").asText("");
        String status = consent.path("status").asText("");
        String statusLabel = switch (status) {
            case "active" -> "Toestemming gegeven";
            case "inactive" -> "Ingetrokken";
            case "rejected" -> "Geen toestemming (geweigerd)";
            case "proposed", "draft" -> "Nog niet vastgelegd";
            default -> status;
        };
        String informedBy = null;
        String informedAt = null;
        String method = null;
        List<String> about = new ArrayList<>();
        for (JsonNode extension : consent.path("extension")) {
            if (!INFORMED_CONSENT.equals(extension.path("url").asText())) {
                continue;
            }
            for (JsonNode part : extension.path("extension")) {
                switch (part.path("url").asText()) {
                    case "informedBy" -> informedBy = part.path("valueString").asText(null);
                    case "informedAt" -> informedAt = Labels.date(part.path("valueDateTime").asText(null));
                    case "method" -> method = switch (part.path("valueCode").asText("")) {
                        case "oral" -> "Mondeling";
                        case "written" -> "Schriftelijk";
                        default -> part.path("valueCode").asText();
                    };
                    case "information" -> about.add(switch (part.path("valueCode").asText("")) {
                        case "purpose" -> "waarom gegevens worden gedeeld (het doel)";
                        case "recipients" -> "met wie ze worden gedeeld";
                        case "working-method" -> "hoe het werkt en dat u het altijd kunt intrekken";
                        default -> part.path("valueCode").asText();
                    });
                    default -> {
                    }
                }
            }
        }
        JsonNode provision = consent.path("provision");
        List<String> baseCategories = ConsentEdits.categoriesOf(provision);
        String scope;
        if ("deny".equals(provision.path("type").asText())) {
            scope = "Niet delen met het geboortezorgnetwerk";
        } else if ("permit".equals(provision.path("type").asText())) {
            scope = "Delen met zorgverleners in het geboortezorgnetwerk die een behandelrelatie met u hebben"
                    + (baseCategories.isEmpty() ? "" : ", alleen: " + categories(baseCategories));
        } else {
            scope = "Geen keuze over delen vastgelegd";
        }
        List<Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode nested : provision.path("provision")) {
            rules.add(new Rule(index++, "deny".equals(nested.path("type").asText()), ruleText(nested, organizations)));
        }
        return new ConsentCard(consent.path("id").asText(), consent.path("meta").path("versionId").asInt(0), ura,
                organizations.name(ura), Labels.organizationType(organizations.type(ura)), status, statusLabel,
                "active".equals(status), Labels.date(consent.path("dateTime").asText(null)),
                Labels.date(consent.path("meta").path("lastUpdated").asText(null)), informedBy, informedAt, method, about, scope, rules);
    }

    private static String ruleText(JsonNode nested, Organizations organizations) {
        boolean deny = "deny".equals(nested.path("type").asText());
        StringBuilder text = new StringBuilder(deny ? "Niet delen met " : "Wel delen met ");
        JsonNode identifier = nested.path("actor").path(0).path("reference").path("identifier");
        String system = identifier.path("system").asText("");
        String value = identifier.path("value").asText("");
        if (NamingSystems.URA.equals(system)) {
            text.append(organizations.name(value));
        } else if (NamingSystems.ORGANIZATION_TYPE.equals(system)) {
            text.append("organisaties van het type ").append(Labels.organizationType(value).toLowerCase(Locale.ROOT));
        } else {
            text.append("het hele netwerk");
        }
        List<String> categories = ConsentEdits.categoriesOf(nested);
        if (!categories.isEmpty()) {
            text.append(": ").append(categories(categories));
        }
        return text.toString();
    }

    private static String categories(List<String> codes) {
        return String.join(", ", codes.stream().map(code -> Labels.category(code).toLowerCase(Locale.ROOT)).toList());
    }
}
