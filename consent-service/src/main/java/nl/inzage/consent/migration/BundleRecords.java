package nl.inzage.consent.migration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.InformedConsent;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads a FHIR R4 Bundle (transaction, batch or collection) of Consents: Jackson walks
 * {@code entry[]} token by token and HAPI parses one entry's resource at a time, so memory holds
 * one Consent however large the file. {@code resourceType} and {@code type} must come before
 * {@code entry} (as every FHIR serialiser writes them).
 */
public class BundleRecords implements MigrationRecords {

    static final Set<String> BUNDLE_TYPES = Set.of("transaction", "batch", "collection");

    private final JsonParser json;
    private final ObjectMapper mapper;
    private final ConsentReader reader;
    private boolean ahead;
    private boolean done;
    private long number;

    /** Reads up to the first entry; refuses what is not a Bundle of the right type. */
    public BundleRecords(InputStream in, ObjectMapper mapper, ConsentReader reader) throws IOException {
        this.mapper = mapper;
        this.reader = reader;
        this.json = mapper.getFactory().createParser(in);
        try {
            openEntries();
        } catch (IOException e) {
            json.close();
            throw FhirProblem.invalid("The file is not a JSON Bundle: " + why(e));
        } catch (FhirProblem e) {
            json.close();
            throw e;
        }
    }

    private void openEntries() throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw FhirProblem.invalid("The file is not a JSON object: send a FHIR R4 Bundle of Consents.");
        }
        String resourceType = null;
        String type = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "resourceType" -> resourceType = json.getValueAsString();
                case "type" -> type = json.getValueAsString();
                case "entry" -> {
                    requireBundle(resourceType, type);
                    if (value != JsonToken.START_ARRAY) {
                        throw FhirProblem.invalid("Bundle.entry must be an array.");
                    }
                    return;
                }
                default -> json.skipChildren();
            }
        }
        requireBundle(resourceType, type);
        done = true;
    }

    private static void requireBundle(String resourceType, String type) {
        if (!"Bundle".equals(resourceType)) {
            throw FhirProblem.invalid("Expected a FHIR Bundle (resourceType 'Bundle' before 'entry'); got '" + resourceType + "'.");
        }
        if (!BUNDLE_TYPES.contains(type)) {
            throw FhirProblem.invalid("Bundle.type must be one of " + BUNDLE_TYPES + " (before 'entry'); got '" + type + "'.");
        }
    }

    @Override
    public boolean hasNext() {
        if (done) {
            return false;
        }
        if (!ahead) {
            try {
                JsonToken token = json.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    done = true;
                    return false;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new UnreadableFile("Bundle.entry[" + number + "] is not an object");
                }
                ahead = true;
            } catch (IOException e) {
                throw new UnreadableFile("the Bundle is not valid JSON after entry " + number + ": " + why(e));
            }
        }
        return true;
    }

    @Override
    public MigrationRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = false;
        number++;
        JsonNode entry;
        try {
            entry = mapper.readTree(json);
        } catch (IOException e) {
            throw new UnreadableFile("the Bundle is not valid JSON in entry " + number + ": " + why(e));
        }
        String content = entry.toString();
        JsonNode resource = entry.get("resource");
        if (resource == null || !resource.isObject()) {
            return MigrationRecord.unreadable(number, "the entry has no resource", content);
        }
        try {
            Consent consent = reader.parse(resource.toString());
            reader.requireValidR4(consent);
            reader.requirePrivacyConsent(consent);
            List<ConsentRule> scope = ConsentReader.rules(consent);
            return record(number, consent, scope, content);
        } catch (FhirProblem e) {
            return MigrationRecord.unreadable(number, e.getMessage(), content);
        }
    }

    private static MigrationRecord record(long number, Consent consent, List<ConsentRule> scope, String content) {
        if (consent.getOrganization().size() > 1) {
            return MigrationRecord.unreadable(number, "Consent.organization names more than one data holder", content);
        }
        String bsn = identifier(consent.getPatient(), NamingSystems.BSN);
        String ura = consent.hasOrganization() ? identifier(consent.getOrganizationFirstRep(), NamingSystems.URA) : null;
        String status = consent.hasStatus() ? consent.getStatus().toCode() : null;
        String date = consent.hasDateTime() ? consent.getDateTimeElement().getValueAsString() : null;
        Extension informed = consent.getExtensionByUrl(InformedConsent.URL);
        String by = null;
        String method = null;
        List<String> told = List.of();
        if (informed != null) {
            by = informedBy(informed.getExtensionByUrl("informedBy"));
            Extension how = informed.getExtensionByUrl("method");
            method = how != null && how.getValue() instanceof CodeType code ? code.getCode() : null;
            told = informed.getExtensionsByUrl("information").stream()
                    .filter(e -> e.getValue() instanceof CodeType)
                    .map(e -> ((CodeType) e.getValue()).getCode()).toList();
        }
        return new MigrationRecord(number, bsn, ura, status, date, by, method, told, scope, null, consent, null, content);
    }

    private static String informedBy(Extension by) {
        if (by == null || by.getValue() == null) {
            return null;
        }
        if (by.getValue() instanceof StringType text) {
            return text.getValue();
        }
        if (by.getValue() instanceof Reference reference) {
            return reference.hasDisplay() ? reference.getDisplay() : reference.getIdentifier().getValue();
        }
        return null;
    }

    private static String identifier(Reference reference, String system) {
        Identifier identifier = reference.getIdentifier();
        return system.equals(identifier.getSystem()) && identifier.hasValue() ? identifier.getValue() : null;
    }

    /** Jackson's own message, without the location dump that would quote the file. */
    private static String why(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
