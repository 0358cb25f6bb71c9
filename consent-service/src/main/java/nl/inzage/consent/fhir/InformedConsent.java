package nl.inzage.consent.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.inzage.consent.FhirProblem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;

/**
 * How the client was informed before she consented (seed 000's checklist), carried in the
 * Consent as the extension {@value #URL}:
 * <ul>
 *   <li>{@code informedBy} (string or Reference): who informed her;</li>
 *   <li>{@code informedAt} (dateTime): when;</li>
 *   <li>{@code method} (code {@code oral} | {@code written}): how consent was asked;</li>
 *   <li>{@code information} (code, repeated): what she was told — all of {@code purpose} (why data
 *       is shared), {@code recipients} (with whom) and {@code working-method} (how it works and how
 *       to withdraw).</li>
 * </ul>
 * Required when a source system records a consent as {@code active}.
 */
public final class InformedConsent {

    public static final String URL = "http://inzage.nl/fhir/StructureDefinition/informed-consent";
    static final Set<String> METHODS = Set.of("oral", "written");
    static final List<String> CHECKLIST = List.of("purpose", "recipients", "working-method");

    private InformedConsent() {
    }

    /** What is missing from the record of how the client was informed; empty when it is complete. */
    public static List<String> missing(Consent consent) {
        Extension record = single(consent.getExtensionsByUrl(URL), URL);
        if (record == null) {
            return List.of("the extension " + URL + " (who informed the client, when, oral or written, and what she was told)");
        }
        List<String> missing = new ArrayList<>();
        Extension by = single(record.getExtensionsByUrl("informedBy"), "informedBy");
        if (by == null || by.getValue() == null || by.getValue().isEmpty()) {
            missing.add("informedBy (who informed the client)");
        }
        Extension at = single(record.getExtensionsByUrl("informedAt"), "informedAt");
        if (at == null || !(at.getValue() instanceof DateTimeType time) || time.getValue() == null) {
            missing.add("informedAt (dateTime)");
        }
        Extension method = single(record.getExtensionsByUrl("method"), "method");
        if (method == null || !(method.getValue() instanceof CodeType code) || !METHODS.contains(code.getCode())) {
            missing.add("method (code oral or written)");
        }
        List<String> told = record.getExtensionsByUrl("information").stream()
                .map(Extension::getValue)
                .filter(CodeType.class::isInstance)
                .map(value -> ((CodeType) value).getCode())
                .toList();
        for (String item : CHECKLIST) {
            if (!told.contains(item)) {
                missing.add("information '" + item + "'");
            }
        }
        return missing;
    }

    /**
     * The one extension of this URL, or null. HAPI's getExtensionByUrl throws IllegalArgumentException
     * when there are more (a 500; found by ConsentReaderFuzzTest): a record given twice is refused instead.
     */
    private static Extension single(List<Extension> extensions, String url) {
        if (extensions.size() > 1) {
            throw FhirProblem.invalid("The extension " + url + " may be given once (the record of how the client was informed, "
                    + URL + "); it is given " + extensions.size() + " times.");
        }
        return extensions.isEmpty() ? null : extensions.get(0);
    }
}
