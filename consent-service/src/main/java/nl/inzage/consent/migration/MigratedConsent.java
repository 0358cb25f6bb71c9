package nl.inzage.consent.migration;

import java.util.List;
import nl.inzage.consent.fhir.InformedConsent;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** The FHIR Consent a migrated record becomes, marked with where it came from. */
public final class MigratedConsent {

    /** {@code meta.tag} system: the code is the import (job) id, the display names register and file. */
    public static final String TAG_SYSTEM = "http://inzage.nl/fhir/CodeSystem/consent-migration";
    /** {@code meta.source} prefix, followed by the register's name. */
    public static final String SOURCE_PREFIX = "urn:inzage:regional-register:";

    private static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private MigratedConsent() {
    }

    /** A Consent for a CSV record judged valid, in the shape source systems write (see the README). */
    public static Consent fromCsv(MigrationRecord record) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.fromCode(record.status()));
        consent.setScope(new CodeableConcept(new Coding(SCOPE_SYSTEM, "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.BSN).setValue(record.bsn())));
        consent.setDateTimeElement(new DateTimeType(record.dateGiven()));
        consent.addOrganization(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(record.dataHolderUra())));
        consent.setPolicyRule(new CodeableConcept(new Coding(ACT_CODE, "active".equals(record.status()) ? "OPTIN" : "OPTOUT", null)));
        if (record.informedBy() != null || record.informedMethod() != null || !record.information().isEmpty()) {
            Extension informed = consent.addExtension().setUrl(InformedConsent.URL);
            if (record.informedBy() != null) {
                informed.addExtension("informedBy", new StringType(record.informedBy()));
            }
            informed.addExtension("informedAt", new DateTimeType(record.dateGiven()));
            if (record.informedMethod() != null) {
                informed.addExtension("method", new CodeType(record.informedMethod()));
            }
            record.information().forEach(item -> informed.addExtension("information", new CodeType(item)));
        }
        provisions(consent, record.scope());
        return consent;
    }

    /** The network-wide rule without categories is the base provision; every other rule is nested under it. */
    private static void provisions(Consent consent, List<ConsentRule> rules) {
        Consent.ProvisionComponent base = consent.getProvision();
        base.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT", null));
        ConsentRule network = rules.stream()
                .filter(rule -> rule.organization() == null && rule.organizationType() == null && rule.dataCategories().isEmpty())
                .findFirst().orElse(null);
        if (network != null) {
            base.setType(type(network));
        }
        for (ConsentRule rule : rules) {
            if (rule == network) {
                continue;
            }
            Consent.ProvisionComponent nested = base.addProvision().setType(type(rule));
            if (rule.organization() != null) {
                nested.addActor().setReference(new Reference().setIdentifier(
                        new Identifier().setSystem(NamingSystems.URA).setValue(rule.organization())));
            } else if (rule.organizationType() != null) {
                nested.addActor().setReference(new Reference().setIdentifier(
                        new Identifier().setSystem(NamingSystems.ORGANIZATION_TYPE).setValue(rule.organizationType())));
            }
            rule.dataCategories().forEach(category -> nested.addClass_(new Coding(DataCategories.SYSTEM, category, null)));
        }
    }

    private static Consent.ConsentProvisionType type(ConsentRule rule) {
        return ConsentRule.DENY.equals(rule.effect()) ? Consent.ConsentProvisionType.DENY : Consent.ConsentProvisionType.PERMIT;
    }

    /** Marks the Consent with its regional register, file and import; the id is the register's to give. */
    public static Consent mark(Consent consent, String register, String fileName, String jobId) {
        consent.setId((String) null);
        consent.getMeta().setSource(SOURCE_PREFIX + register);
        consent.getMeta().addTag(new Coding(TAG_SYSTEM, jobId, register + ": " + fileName));
        return consent;
    }
}
