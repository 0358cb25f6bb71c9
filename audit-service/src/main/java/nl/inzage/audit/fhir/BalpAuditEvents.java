package nl.inzage.audit.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.NamingSystems;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * One logged access decision as an IHE BALP-shaped FHIR R4 AuditEvent:
 * <ul>
 * <li>a view on the viewer path (a permit carrying the FHIR query): type audit-event-type#rest,
 * subtype restful-interaction#read or #search, action R or E, with the patient entity;</li>
 * <li>any other decision: type DCM#110113 (Security Alert), subtype AuthZ-Consent, outcome 0
 * (permit) or 8 (deny) with the reasons as outcomeDesc, and the consents it rested on as entities;</li>
 * <li>break-the-glass adds subtype DCM#110127 (Emergency Override Started) and purposeOfEvent
 * v3-ActReason#ETREAT.</li>
 * </ul>
 */
@ApplicationScoped
public class BalpAuditEvents {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String AUTHZ_SUBTYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String ROLE_SYSTEM = "http://inzage.nl/fhir/CodeSystem/practitioner-role";

    public AuditEvent toFhir(StoredAuditRecord stored, AccessDetails details) {
        AuditRecord r = stored.record();
        boolean permit = "permit".equals(r.decision());
        AuditEvent event = new AuditEvent();
        event.setId(r.eventId());
        event.setRecorded(Date.from(stored.recordedAt()));
        event.getPeriod().setStart(Date.from(r.occurredAt())).setEnd(Date.from(r.occurredAt()));
        if (permit && details.query() != null) {
            boolean search = details.query().contains("?");
            event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
            event.addSubtype(new Coding(RESTFUL_INTERACTION, search ? "search" : "read", search ? "search" : "read"));
            event.setAction(search ? AuditEventAction.E : AuditEventAction.R);
            event.setOutcome(AuditEventOutcome._0);
        } else {
            event.setType(new Coding(DCM, "110113", "Security Alert"));
            event.addSubtype(new Coding(AUTHZ_SUBTYPE, "AuthZ-Consent", "Authorization Decision using Roles and Consent"));
            event.setAction(AuditEventAction.E);
            event.setOutcome(permit ? AuditEventOutcome._0 : AuditEventOutcome._8);
            event.setOutcomeDesc(r.decision() + ": " + String.join(", ", details.reasons()));
        }
        if (r.emergency()) {
            event.addSubtype(new Coding(DCM, "110127", "Emergency Override Started"));
        }
        String purpose = r.emergency() ? "ETREAT" : details.purposeOfUse() == null ? "TREAT" : details.purposeOfUse();
        event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, purpose, null)));

        AuditEventAgentComponent user = event.addAgent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
                .setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.UZI).setValue(r.practitionerUzi()))
                        .setDisplay(details.practitionerName()))
                .addPurposeOfUse(new CodeableConcept(new Coding(ACT_REASON, purpose, null)));
        if (r.practitionerRole() != null) {
            user.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, r.practitionerRole(), null)));
        }
        if (r.organizationUra() != null) {
            event.addAgent()
                    .setType(new CodeableConcept(new Coding(PARTICIPATION, "PROV", "healthcare provider")))
                    .setRequestor(false)
                    .setWho(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(r.organizationUra())));
        }
        event.getSource().setSite("inzage")
                .setObserver(new Reference().setDisplay("inzage access-gateway"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.BSN).setValue(r.patientBsn())))
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        if (details.dataCategory() != null || r.dataHolderUra() != null) {
            var data = event.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
            if (details.dataCategory() != null) {
                data.addSecurityLabel(new Coding(DataCategories.SYSTEM, details.dataCategory(), null));
            }
            if (details.query() != null) {
                data.setQuery(details.query().getBytes(StandardCharsets.UTF_8));
            }
            if (r.dataHolderUra() != null) {
                data.setWhat(new Reference().setIdentifier(new Identifier().setSystem(NamingSystems.URA).setValue(r.dataHolderUra()))
                        .setDisplay("data holder"));
            }
        }
        for (String consent : details.consentIds()) {
            event.addEntity()
                    .setWhat(new Reference("Consent/" + consent))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
                    .setDescription("consent the decision rested on");
        }
        return event;
    }
}
