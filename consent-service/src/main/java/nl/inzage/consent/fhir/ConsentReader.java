package nl.inzage.consent.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.FhirProblem;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Parses a FHIR R4 Consent and checks what the register relies on; every refusal names the
 * element and what is wrong with it.
 */
@ApplicationScoped
public class ConsentReader {

    static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final Set<String> STATUSES = Set.of("draft", "proposed", "active", "rejected", "inactive", "entered-in-error");
    /** FHIR R4's rule for a logical id. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9\\-.]{1,64}$");

    private final FhirContext fhir;

    public ConsentReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    public Consent parse(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("The request body is empty: send a FHIR R4 Consent resource as JSON.");
        }
        IBaseResource resource;
        try {
            resource = FhirContextProducer.jsonParser(fhir).parseResource(body);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw FhirProblem.invalid("The body is not a valid FHIR R4 JSON resource: " + e.getMessage());
        } catch (RuntimeException e) {
            // HAPI's parser throws more than DataFormatException on malformed input (fuzzing found a
            // StringIndexOutOfBoundsException for an empty property name, "": "deny"): still the body's fault, not a 500.
            throw FhirProblem.invalid("The body is not a valid FHIR R4 JSON resource: it has an element HAPI FHIR cannot read"
                    + " (e.g. an empty property name).");
        }
        if (!(resource instanceof Consent consent)) {
            throw FhirProblem.invalid("Expected resourceType 'Consent' but got '" + resource.fhirType() + "'.");
        }
        return consent;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public ConsentFacts facts(Consent consent) {
        if (!consent.hasStatus() || !STATUSES.contains(consent.getStatus().toCode())) {
            throw FhirProblem.invalid("Consent.status is required: one of " + STATUSES + ".");
        }
        requirePrivacyConsent(consent);
        String bsn = identifierValue(consent.getPatient(), NamingSystems.BSN, "Consent.patient");
        if (!Identifiers.isValidBsn(bsn)) {
            throw FhirProblem.invalid("Consent.patient.identifier is not a valid BSN (nine digits passing the 11-test).");
        }
        if (consent.getOrganization().size() != 1) {
            throw FhirProblem.invalid("Consent.organization must name exactly one data holder (custodian) by URA.");
        }
        String ura = identifierValue(consent.getOrganizationFirstRep(), NamingSystems.URA, "Consent.organization");
        if (!Identifiers.isValidUra(ura)) {
            throw FhirProblem.invalid("Consent.organization.identifier is not a valid URA (eight digits): '" + ura + "'.");
        }
        return new ConsentFacts(bsn, ura, consent.getStatus().toCode(), rules(consent));
    }

    /** Scope patient-privacy and a category: what makes it a privacy consent this register holds. */
    public void requirePrivacyConsent(Consent consent) {
        if (!consent.hasScope() || consent.getScope().getCoding().stream()
                .noneMatch(c -> SCOPE_SYSTEM.equals(c.getSystem()) && "patient-privacy".equals(c.getCode()))) {
            throw FhirProblem.invalid("Consent.scope must be " + SCOPE_SYSTEM + "#patient-privacy: this register holds privacy consents.");
        }
        if (!consent.hasCategory()) {
            throw FhirProblem.invalid("Consent.category is required (at least one).");
        }
    }

    /** Consents written through the API must be valid R4: invariant ppc-1 (only Mitz's notifications may lack it). */
    public void requireValidR4(Consent consent) {
        if (!consent.hasPolicy() && !consent.hasPolicyRule()) {
            throw FhirProblem.invalid("Consent needs a policy or a policyRule (FHIR R4 invariant ppc-1), e.g. policyRule v3-ActCode#OPTIN.");
        }
    }

    /** A source system recording an active consent must say how the client was informed (seed 000's checklist). */
    public void requireInformedConsent(Consent consent) {
        if (consent.getStatus() == Consent.ConsentState.ACTIVE) {
            List<String> missing = InformedConsent.missing(consent);
            if (!missing.isEmpty()) {
                throw FhirProblem.unprocessable("An active consent must record how the client was informed (Wabvpz art. 15a, AVG art. 7);"
                        + " missing: " + String.join("; ", missing) + ".");
            }
        }
    }

    private static String identifierValue(Reference reference, String system, String path) {
        Identifier identifier = reference.getIdentifier();
        if (!identifier.hasValue()) {
            throw FhirProblem.invalid(path + ".identifier is required, with system " + system + ".");
        }
        if (!system.equals(identifier.getSystem())) {
            throw FhirProblem.invalid(path + ".identifier.system must be " + system + ".");
        }
        return identifier.getValue();
    }

    /** The base provision applies to the whole network; nested ones narrow it to an organisation, a type or categories. */
    public static List<ConsentRule> rules(Consent consent) {
        List<ConsentRule> rules = new ArrayList<>();
        Consent.ProvisionComponent base = consent.getProvision();
        if (base.hasType()) {
            rules.add(new ConsentRule(effect(base), null, null, null, categories(base)));
        }
        for (Consent.ProvisionComponent nested : base.getProvision()) {
            if (nested.hasProvision()) {
                throw FhirProblem.unprocessable("Consent.provision.provision may not nest further: express each exception at one level.");
            }
            if (!nested.hasType()) {
                throw FhirProblem.invalid("Every nested Consent.provision needs a type (permit or deny).");
            }
            String organization = null;
            String organizationType = null;
            for (Consent.provisionActorComponent actor : nested.getActor()) {
                Identifier identifier = actor.getReference().getIdentifier();
                if (NamingSystems.URA.equals(identifier.getSystem()) && Identifiers.isValidUra(identifier.getValue())) {
                    organization = identifier.getValue();
                } else if (NamingSystems.ORGANIZATION_TYPE.equals(identifier.getSystem()) && identifier.hasValue()) {
                    organizationType = identifier.getValue();
                } else {
                    throw FhirProblem.invalid("Consent.provision.provision.actor.reference.identifier must be a URA ("
                            + NamingSystems.URA + ") or an organisation type (" + NamingSystems.ORGANIZATION_TYPE + ").");
                }
            }
            rules.add(new ConsentRule(effect(nested), organization, organizationType, null, categories(nested)));
        }
        return rules;
    }

    private static String effect(Consent.ProvisionComponent provision) {
        return provision.getType() == Consent.ConsentProvisionType.DENY ? ConsentRule.DENY : ConsentRule.PERMIT;
    }

    private static List<String> categories(Consent.ProvisionComponent provision) {
        List<String> categories = new ArrayList<>();
        for (Coding coding : provision.getClass_()) {
            // A coding without a code is refused like a wrong one (ALL is an immutable set: contains(null) throws).
            if (!DataCategories.SYSTEM.equals(coding.getSystem()) || coding.getCode() == null || !DataCategories.ALL.contains(coding.getCode())) {
                throw FhirProblem.invalid("Consent.provision.class must be a data category of " + DataCategories.SYSTEM
                        + ", one of " + DataCategories.ALL + "; got '" + coding.getSystem() + "|" + coding.getCode() + "'.");
            }
            categories.add(coding.getCode());
        }
        return List.copyOf(categories);
    }
}
