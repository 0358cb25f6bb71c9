package nl.inzage.consent.mitz;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;

/** The FHIR resources the product sends Mitz, in the draft shapes of DOMAIN.md. */
@ApplicationScoped
public class MitzResources {

    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";

    private final FhirContext fhir;
    private final MitzConfig config;

    public MitzResources(FhirContext fhir, MitzConfig config) {
        this.fhir = fhir;
        this.config = config;
    }

    /** Registers a client at a data holder; Mitz pushes her choices for that holder to our rest-hook. */
    public String subscription(String bsn, String holderUra, String holderType) {
        Subscription subscription = new Subscription();
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("OTV");
        subscription.setCriteria("Consent?_query=otv&patientid=" + bsn + "&providerid=" + holderUra + "&providertype=" + holderType);
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(config.notificationEndpoint());
        channel.setPayload("application/fhir+xml");
        config.notificationToken().ifPresent(token -> channel.addHeader(config.notificationHeader() + ": " + token));
        return json(subscription);
    }

    /** The closed question: may this requester see this data holder's data of this client (purpose TREAT)? */
    public String closedQuestion(ClosedQuestion question) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.PROPOSED);
        consent.setScope(new CodeableConcept(new Coding(SCOPE, "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "57016000", null)));
        consent.setPatient(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.BSN).setValue(question.patientBsn())));
        consent.setDateTime(new Date());
        Consent.ProvisionComponent provision = consent.getProvision();
        actor(provision, "CST", NamingSystems.URA, question.dataHolderUra());
        actor(provision, "CST", NamingSystems.ORGANIZATION_TYPE, question.dataHolderType());
        actor(provision, "PRCP", NamingSystems.UZI, question.requesterUzi());
        actor(provision, "PRCP", NamingSystems.UZI_ROLE, question.requesterRole());
        actor(provision, "PROV", NamingSystems.URA, question.requesterUra());
        actor(provision, "PROV", NamingSystems.ORGANIZATION_TYPE, question.requesterType());
        provision.addPurpose(new Coding(ACT_REASON, "TREAT", null));
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("consent").setResource(consent);
        return json(parameters);
    }

    /**
     * The use of a Mitz consent: who (UZI, role, organisation), whose consent (BSN and the Mitz
     * consent), when; an authorisation-decision AuditEvent (IHE BALP) with outcome 0 (permit).
     */
    public String usage(AccessDecided access, String mitzConsentId) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110113", "Security Alert"));
        event.addSubtype(new Coding("http://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType", "AuthZ-Consent", null));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(access.occurredAt() == null ? Instant.now() : access.occurredAt()));
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, access.purposeOfUse() == null ? "TREAT" : access.purposeOfUse(), null)));
        // The audit record's id: a usage delivered twice (at least once) is recognisably the same.
        event.setId(access.eventId());
        AuditEvent.AuditEventAgentComponent agent = event.addAgent();
        agent.setRequestor(true);
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.UZI).setValue(access.practitioner().uzi())));
        agent.addRole(new CodeableConcept(new Coding(NamingSystems.UZI_ROLE, access.practitioner().role(), null)));
        agent.setLocation(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA)
                .setValue(access.practitioner().organization())));
        event.getSource().setObserver(new Reference().setDisplay("inzage consent-service"));
        event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.BSN).setValue(access.patientBsn())))
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
        event.addEntity()
                .setWhat(new Reference("Consent/" + mitzConsentId))
                .setType(new Coding("http://hl7.org/fhir/resource-types", "Consent", null));
        event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(access.dataHolder())))
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
        return json(event);
    }

    private static void actor(Consent.ProvisionComponent provision, String role, String system, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        provision.addActor()
                .setRole(new CodeableConcept(new Coding(PARTICIPATION, role, null)))
                .setReference(new Reference().setIdentifier(new Identifier().setSystem(system).setValue(value)));
    }

    private String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return FhirContextProducer.jsonParser(fhir).encodeResourceToString(resource);
    }
}
