package nl.inzage.consent.mitz;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.migration.MigrationConfig;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads Mitz notification Bundles (FHIR XML or JSON) as Mitz sends them (DOMAIN.md): the Consent
 * points by {@code urn:uuid:} at the Patient and Organization entries; several provider-category
 * extensions; codings with a version; no policy (ppc-1 not required); a refusal is {@code inactive}
 * with a provision that has an actor but no type. Each Consent becomes a standalone register
 * Consent (identifiers instead of bundle references) with its facts. Anything malformed is
 * refused as a whole: nothing of the Bundle is stored.
 */
@ApplicationScoped
public class MitzConsentReader {

    public static final String PROVIDER_CATEGORY_EXTENSION = "http://fhir.nl/StructureDefinition/OTV-ProviderCategory";
    public static final String PROVIDER_CATEGORY_SYSTEM = "http://fhir.nl/otv/CodeSystem/raadplegende-zorgaanbiedercategorie";
    public static final String DATA_CATEGORY_SYSTEM = "http://fhir.nl/otv/CodeSystem/gegevenscategorie";
    /** The Mitz consent's id, kept on the register's copy. */
    public static final String MITZ_ID_SYSTEM = "urn:inzage:mitz-consent-id";
    private static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";

    /** One Consent of a notification, ready to store. */
    public record MitzConsent(String mitzId, Instant time, Consent consent, ConsentFacts facts) {
    }

    private final FhirContext fhir;
    private final MitzConfig config;
    private final MigrationConfig categories;

    public MitzConsentReader(FhirContext fhir, MitzConfig config, MigrationConfig categories) {
        this.fhir = fhir;
        this.config = config;
        this.categories = categories;
    }

    public List<MitzConsent> read(String body, boolean xml) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("The notification is empty: Mitz sends a Bundle with Consent, Patient and Organization entries.");
        }
        IBaseResource resource;
        try {
            IParser parser = xml ? fhir.newXmlParser() : fhir.newJsonParser();
            // The Consent's own id is the Mitz consent id; its urn:uuid fullUrl only links the entries.
            parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
            resource = parser.parseResource(body);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw FhirProblem.invalid("The notification is not a valid FHIR R4 " + (xml ? "XML" : "JSON") + " resource: " + e.getMessage());
        } catch (RuntimeException e) {
            // As in ConsentReader#parse: HAPI's parser throws more than DataFormatException on malformed
            // input (an empty JSON property name gives a StringIndexOutOfBoundsException); the sender's fault.
            throw FhirProblem.invalid("The notification is not a valid FHIR R4 " + (xml ? "XML" : "JSON")
                    + " resource: it has an element HAPI FHIR cannot read (e.g. an empty property name).");
        }
        if (!(resource instanceof Bundle bundle)) {
            throw FhirProblem.invalid("Expected a Bundle but got '" + resource.fhirType() + "'.");
        }
        Map<String, Resource> byFullUrl = new HashMap<>();
        List<Consent> consents = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasFullUrl() && entry.hasResource()) {
                byFullUrl.put(entry.getFullUrl(), entry.getResource());
            }
            if (entry.getResource() instanceof Consent consent) {
                consents.add(consent);
            }
        }
        if (consents.isEmpty()) {
            throw FhirProblem.invalid("The notification Bundle holds no Consent.");
        }
        List<MitzConsent> read = new ArrayList<>();
        for (Consent consent : consents) {
            read.add(read(consent, byFullUrl));
        }
        return read;
    }

    private MitzConsent read(Consent mitz, Map<String, Resource> byFullUrl) {
        String mitzId = mitz.getIdElement().getIdPart();
        if (mitzId == null || mitzId.isBlank()) {
            throw FhirProblem.invalid("Consent.id is required: it identifies the Mitz consent across notifications.");
        }
        Instant time = mitz.hasDateTime() ? mitz.getDateTime().toInstant()
                : mitz.getMeta().hasLastUpdated() ? mitz.getMeta().getLastUpdated().toInstant() : null;
        if (time == null) {
            throw FhirProblem.invalid("Consent " + mitzId + ": dateTime (or meta.lastUpdated) is required to order notifications.");
        }
        Patient patient = resolve(mitz.getPatient(), byFullUrl, Patient.class, "Consent.patient");
        // An identifier may have its system but no value: findFirst() after map(getValue) would throw on the null.
        String bsn = patient.getIdentifier().stream().filter(i -> NamingSystems.BSN.equals(i.getSystem()))
                .findFirst().map(Identifier::getValue).orElse(null);
        if (!Identifiers.isValidBsn(bsn)) {
            throw FhirProblem.invalid("Consent " + mitzId + ": the Patient has no valid BSN identifier (" + NamingSystems.BSN + ").");
        }
        Consent.provisionActorComponent holderActor = mitz.getProvision().getActor().stream()
                .filter(actor -> actor.getRole().getCoding().stream().anyMatch(c -> "CST".equals(c.getCode())))
                .findFirst()
                .orElseThrow(() -> FhirProblem.invalid("Consent " + mitzId + ": provision.actor with role CST (the data holder) is required."));
        Organization holder = resolve(holderActor.getReference(), byFullUrl, Organization.class, "Consent.provision.actor.reference");
        String ura = holder.getIdentifier().stream().filter(i -> NamingSystems.URA.equals(i.getSystem()))
                .findFirst().map(Identifier::getValue).orElse(null);
        if (!Identifiers.isValidUra(ura)) {
            throw FhirProblem.invalid("Consent " + mitzId + ": the Organization has no valid URA identifier (" + NamingSystems.URA + ").");
        }

        // The register's copy stands alone: identifiers instead of the Bundle's urn:uuid references.
        Consent stored;
        try {
            stored = mitz.copy();
        } catch (IllegalArgumentException e) {
            // HAPI's parser lets some invalid values through that its copy() refuses (fuzzing: dateTime "2026-11-20T10:15Z",
            // minute precision, which FHIR does not allow): the sender's mistake, refused like any other.
            throw FhirProblem.invalid("Consent " + mitzId + ": a value is not valid FHIR R4: " + e.getMessage());
        }
        stored.setId((String) null);
        stored.setMeta(null);
        stored.setPatient(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.BSN).setValue(bsn)));
        stored.getOrganization().clear();
        stored.addOrganization(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(ura)));
        for (Consent.provisionActorComponent actor : stored.getProvision().getActor()) {
            if (actor.getRole().getCoding().stream().anyMatch(c -> "CST".equals(c.getCode()))) {
                actor.setReference(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(ura)));
            }
        }
        stored.getIdentifier().removeIf(i -> MITZ_ID_SYSTEM.equals(i.getSystem()));
        stored.addIdentifier(new Identifier().setSystem(MITZ_ID_SYSTEM).setValue(mitzId));
        return new MitzConsent(mitzId, time, stored, facts(stored));
    }

    /**
     * The facts of a register copy of a Mitz consent. A permit or deny applies to the organisation
     * types of its provider categories (inzage.migration.provider-categories) for the data
     * categories of its gegevenscategorie (inzage.mitz.data-categories); a refusal is status rejected.
     */
    public ConsentFacts facts(Consent consent) {
        if (!consent.hasScope() || consent.getScope().getCoding().stream()
                .noneMatch(c -> SCOPE_SYSTEM.equals(c.getSystem()) && "patient-privacy".equals(c.getCode()))) {
            throw FhirProblem.invalid("Consent.scope must be " + SCOPE_SYSTEM + "#patient-privacy.");
        }
        String bsn = consent.getPatient().getIdentifier().getValue();
        String ura = consent.getOrganizationFirstRep().getIdentifier().getValue();
        Consent.ProvisionComponent provision = consent.getProvision();
        String status;
        String effect;
        if (consent.getStatus() == Consent.ConsentState.ACTIVE) {
            if (!provision.hasType()) {
                throw FhirProblem.invalid("An active Mitz Consent needs provision.type (permit or deny).");
            }
            status = "active";
            effect = provision.getType() == Consent.ConsentProvisionType.DENY ? ConsentRule.DENY : ConsentRule.PERMIT;
        } else if (consent.getStatus() == Consent.ConsentState.INACTIVE) {
            // Mitz's refusal: inactive with an actor but no provision.type. With a type: a withdrawn choice.
            status = provision.hasType() ? "inactive" : "rejected";
            effect = ConsentRule.DENY;
        } else {
            throw FhirProblem.invalid("Consent.status from Mitz must be active or inactive, not '"
                    + (consent.hasStatus() ? consent.getStatus().toCode() : "") + "'.");
        }
        Set<String> providerCategories = new LinkedHashSet<>();
        for (Extension extension : consent.getExtensionsByUrl(PROVIDER_CATEGORY_EXTENSION)) {
            if (!(extension.getValue() instanceof Coding coding) || !PROVIDER_CATEGORY_SYSTEM.equals(coding.getSystem()) || !coding.hasCode()) {
                throw FhirProblem.invalid("Extension " + PROVIDER_CATEGORY_EXTENSION + " must hold a valueCoding of " + PROVIDER_CATEGORY_SYSTEM + ".");
            }
            providerCategories.add(coding.getCode());
        }
        // A closed-question answer names the requester's organisation type itself (actor role PROV).
        Set<String> types = new TreeSet<>();
        for (Consent.provisionActorComponent actor : provision.getActor()) {
            Identifier identifier = actor.getReference().getIdentifier();
            if (actor.getRole().getCoding().stream().anyMatch(c -> "PROV".equals(c.getCode()))
                    && NamingSystems.ORGANIZATION_TYPE.equals(identifier.getSystem()) && identifier.hasValue()) {
                types.add(identifier.getValue());
            }
        }
        if (providerCategories.isEmpty() && types.isEmpty()) {
            throw FhirProblem.invalid("A Mitz Consent names at least one consulting-provider category (extension " + PROVIDER_CATEGORY_EXTENSION + ").");
        }
        for (String category : providerCategories) {
            types.addAll(organisationTypes(category));
        }
        List<String> dataCategories = dataCategories(provision);
        List<ConsentRule> rules = new ArrayList<>();
        for (String type : types) {
            rules.add(new ConsentRule(effect, null, type, null, dataCategories));
        }
        return new ConsentFacts(bsn, ura, status, List.copyOf(rules));
    }

    private List<String> dataCategories(Consent.ProvisionComponent provision) {
        Set<String> product = new TreeSet<>();
        for (var code : provision.getCode()) {
            for (Coding coding : code.getCoding()) {
                if (!DATA_CATEGORY_SYSTEM.equals(coding.getSystem())) {
                    continue;
                }
                // A coding without a code maps onto nothing (the configured map is immutable: get(null) throws).
                Set<String> mapped = coding.getCode() == null ? null : config.dataCategories().get(coding.getCode());
                if (mapped == null) {
                    throw FhirProblem.unprocessable("Mitz gegevenscategorie '" + coding.getCode()
                            + "' is not mapped onto the product's data categories (inzage.mitz.data-categories).");
                }
                product.addAll(mapped);
            }
        }
        return List.copyOf(product);
    }

    /** The organisation types whose consulting providers fall in this Mitz category. */
    private List<String> organisationTypes(String providerCategory) {
        return categories.providerCategories().entrySet().stream()
                .filter(e -> e.getValue().equals(providerCategory)).map(Map.Entry::getKey).sorted().toList();
    }

    private static <T extends Resource> T resolve(Reference reference, Map<String, Resource> byFullUrl, Class<T> type, String path) {
        Resource target = reference.hasReference() ? byFullUrl.get(reference.getReference()) : null;
        if (!type.isInstance(target)) {
            throw FhirProblem.invalid(path + " must point at a " + type.getSimpleName() + " entry of the Bundle (by its fullUrl).");
        }
        return type.cast(target);
    }
}
