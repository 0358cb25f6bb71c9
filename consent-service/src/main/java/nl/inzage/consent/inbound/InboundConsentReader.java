package nl.inzage.consent.inbound;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Reads the value of an inbound record with the rules of the REST path. Three answers: not a FHIR
 * Consent at all (dead letter), a Consent the register refuses (rejected, with the
 * OperationOutcome), or a write to make: create when the Consent has no id, else update that consent.
 */
@ApplicationScoped
public class InboundConsentReader {

    /** As {@code POST /fhir/Consent}: a Consent is far smaller. */
    static final int MAX_VALUE_BYTES = 1024 * 1024;

    /** The outcome of reading one record. */
    public sealed interface Readout {
    }

    /**
     * Not a FHIR Consent: goes to the DLQ. Neither part quotes the value, so it may be logged.
     *
     * @param code stable: {@code empty}, {@code not-json}, {@code not-fhir}, {@code not-consent},
     *             {@code bad-ce-id}, {@code unreadable}
     */
    public record Unreadable(String code, String detail) implements Readout {

        public String describe() {
            return code + ": " + detail;
        }
    }

    /** A Consent the register refuses, for the reason and issue type the REST path would give. */
    public record Refused(FhirProblem problem) implements Readout {
    }

    /** A valid Consent to store: a new one ({@code consentId} null) or a new version of {@code consentId}. */
    public record Write(Consent consent, ConsentFacts facts, String consentId) implements Readout {
    }

    private final ConsentReader reader;
    private final ObjectReader tree;

    public InboundConsentReader(ConsentReader reader, ObjectMapper json) {
        this.reader = reader;
        this.tree = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Readout read(String ceId, String value) {
        if (InboundInput.isUnusableId(ceId)) {
            return new Unreadable("bad-ce-id", "the ce_id header is longer than " + InboundInput.MAX_ID_LENGTH
                    + " characters or holds control characters");
        }
        if (value == null || value.isBlank()) {
            return new Unreadable("empty", "the record has no value");
        }
        Unreadable notConsent = notAConsent(value);
        if (notConsent != null) {
            return notConsent;
        }
        if (value.length() > MAX_VALUE_BYTES / 4 && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return new Refused(new FhirProblem(413, IssueType.TOOLONG, "The value is larger than 1 MiB; a Consent is far smaller."));
        }
        try {
            return write(value);
        } catch (FhirProblem problem) {
            return new Refused(problem);
        } catch (RuntimeException e) {
            // A parser failing in a way we did not foresee must not stop the partition: park the record.
            return new Unreadable("unreadable", "the Consent could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A JSON object with resourceType Consent; the FHIR parser judges everything after that. */
    private Unreadable notAConsent(String value) {
        JsonNode node;
        try {
            node = tree.readValue(value);
        } catch (JacksonException e) {
            return new Unreadable("not-json", "the value is not one JSON document");
        }
        if (node == null || !node.isObject()) {
            return new Unreadable("not-fhir", "the value is not a JSON object");
        }
        JsonNode type = node.get("resourceType");
        if (type == null || !type.isTextual()) {
            return new Unreadable("not-fhir", "the value has no resourceType: it is not a FHIR resource");
        }
        if (!"Consent".equals(type.asText())) {
            String shown = type.asText().matches("[A-Za-z]{1,64}") ? "'" + type.asText() + "'" : "another type";
            return new Unreadable("not-consent", "resourceType is " + shown + ", not 'Consent'");
        }
        return null;
    }

    private Write write(String value) {
        Consent consent = reader.parse(value);
        reader.requireValidR4(consent);
        // A source system writes: an active consent must record how the client was informed, as over REST.
        reader.requireInformedConsent(consent);
        ConsentFacts facts = reader.facts(consent);
        String id = consent.getIdElement().getIdPart();
        if (id == null) {
            return new Write(consent, facts, null);
        }
        if (!ConsentReader.isValidId(id)) {
            throw FhirProblem.invalid("Consent.id is not a valid resource id: leave it out to create, give the register's id to update.");
        }
        return new Write(consent, facts, id);
    }
}
