package nl.inzage.gateway.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dutch words for the codes the pages show: data categories, organisation types, roles, reasons. */
public final class Labels {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d-M-yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-M-yyyy HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public static final Map<String, String> CATEGORIES = ordered(
            "pregnancy", "Zwangerschap (o.a. bloedgroep, pariteit, risico's)",
            "lab-results", "Uitslagen van laboratoriumonderzoek",
            "ultrasound", "Echo's",
            "medical-history", "Medische voorgeschiedenis (anamnese)",
            "psychosocial", "Psychosociale gegevens",
            "medication", "Medicatie",
            "delivery", "Bevalling",
            "postpartum", "Kraambed",
            "newborn", "Gegevens van het kind",
            "care-plan", "Zorgplan en afspraken");

    public static final Map<String, String> ORGANIZATION_TYPES = ordered(
            "G3", "Verloskundigenpraktijk",
            "GC", "Geboortecentrum",
            "K4", "Kraamzorg",
            "JGZ", "Jeugdgezondheidszorg",
            "Z3", "Huisartspraktijk",
            "V4", "Ziekenhuis",
            "B2", "Echocentrum");

    private static final Map<String, String> ROLES = ordered(
            "verloskundige", "Verloskundige",
            "gynaecoloog", "Gynaecoloog",
            "kinderarts", "Kinderarts",
            "huisarts", "Huisarts",
            "kraamverzorgende", "Kraamverzorgende",
            "jgz", "Jeugdgezondheidszorg");

    /** Why a category is not visible, in words a practitioner understands. */
    private static final Map<String, String> REASONS = ordered(
            "no-consent", "de cliënt heeft bij deze organisatie nog geen keuze over delen gemaakt",
            "consent-withdrawn", "de cliënt heeft haar toestemming ingetrokken",
            "consent-refused", "de cliënt heeft geen toestemming gegeven",
            "consent-deny", "de cliënt heeft dit uitgesloten",
            "consent-no-matching-permit", "de toestemming van de cliënt geldt niet voor uw organisatie",
            "no-relationship", "uw organisatie heeft (nog) geen behandelrelatie met deze cliënt",
            "role-not-permitted", "niet zichtbaar voor uw rol",
            "unknown-role", "uw rol is niet bekend",
            "unknown-category", "onbekende gegevenscategorie",
            "not-ready", "de toegangscontrole is nog niet gereed; probeer het zo opnieuw",
            "stale", "de toegangscontrole is niet actueel; probeer het zo opnieuw",
            "audit-unavailable", "het logboek is niet beschikbaar; probeer het zo opnieuw");

    private Labels() {
    }

    public static String category(String code) {
        return CATEGORIES.getOrDefault(code, code);
    }

    public static String organizationType(String code) {
        return code == null ? "" : ORGANIZATION_TYPES.getOrDefault(code, code);
    }

    public static String role(String code) {
        return code == null ? "" : ROLES.getOrDefault(code, code);
    }

    public static String reason(String code) {
        return REASONS.getOrDefault(code, code);
    }

    public static String date(String fhirDateOrDateTime) {
        if (fhirDateOrDateTime == null || fhirDateOrDateTime.isBlank()) {
            return "";
        }
        try {
            if (fhirDateOrDateTime.length() > 10) {
                return OffsetDateTime.parse(fhirDateOrDateTime).atZoneSameInstant(ZONE).format(DATE);
            }
            return java.time.LocalDate.parse(fhirDateOrDateTime).format(DATE);
        } catch (RuntimeException e) {
            return fhirDateOrDateTime;
        }
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "" : instant.atZone(ZONE).format(DATE_TIME);
    }

    public static String time(Instant instant) {
        return instant == null ? "" : instant.atZone(ZONE).format(TIME);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
