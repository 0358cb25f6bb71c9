package nl.inzage.consent.mitz;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.mitz.MitzConsentReader.MitzConsent;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.ConsentRule;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Stores what Mitz says as Mitz-origin consent versions, which flow to {@code consent.events} like
 * any other. A notification's Consent is stored only when it is newer (by its Mitz time) than the
 * version already replicated: duplicates and notifications that arrive out of order change nothing.
 */
@ApplicationScoped
public class MitzNotificationService {

    /** What one notification did: per Consent, stored (with its version) or ignored as not newer. */
    public record Applied(String mitzId, boolean stored, String consentId, Integer version, Long revision) {
    }

    private final ConsentService consents;

    public MitzNotificationService(ConsentService consents) {
        this.consents = consents;
    }

    /** All Consents of one notification in one transaction. */
    @WithTransaction
    public Uni<List<Applied>> apply(List<MitzConsent> notification) {
        List<Applied> applied = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MitzConsent consent : notification) {
            chain = chain.chain(() -> applyOne(consent).invoke(applied::add)).replaceWithVoid();
        }
        return chain.replaceWith(applied);
    }

    private Uni<Applied> applyOne(MitzConsent mitz) {
        OffsetDateTime time = OffsetDateTime.ofInstant(mitz.time(), ZoneOffset.UTC);
        return MitzConsentEntity.<MitzConsentEntity>findById(mitz.mitzId(), LockModeType.PESSIMISTIC_WRITE).chain(known -> {
            if (known != null && !known.mitzTime.isBefore(time)) {
                return Uni.createFrom().item(new Applied(mitz.mitzId(), false, known.consentId, null, null));
            }
            return consents.storeFromMitz(known == null ? null : known.consentId, mitz.consent(), mitz.facts())
                    .call(stored -> remember(known, mitz.mitzId(), stored, time))
                    .map(stored -> new Applied(mitz.mitzId(), true, stored.id(), stored.version(), stored.revision()));
        });
    }

    /**
     * Mitz's answer "permit" to a closed question, stored as a Mitz-origin consent so the gateway's
     * projection learns it: a permit for the requester's organisation type at this data holder.
     */
    @WithTransaction
    public Uni<StoredConsent> storePermit(ClosedQuestion question, Instant answeredAt) {
        String mitzId = "closed-question-" + question.patientBsn() + "-" + question.dataHolderUra() + "-" + question.requesterType();
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(MitzResources.SCOPE, "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "57016000", null)));
        consent.setPatient(new Reference().setIdentifier(new Identifier().setSystem(nl.inzage.contracts.NamingSystems.BSN)
                .setValue(question.patientBsn())));
        consent.addOrganization(new Reference().setIdentifier(new Identifier().setSystem(nl.inzage.contracts.NamingSystems.URA)
                .setValue(question.dataHolderUra())));
        consent.setDateTime(java.util.Date.from(answeredAt));
        consent.addIdentifier(new Identifier().setSystem(MitzConsentReader.MITZ_ID_SYSTEM).setValue(mitzId));
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addActor().setRole(new CodeableConcept(new Coding(MitzResources.PARTICIPATION, "CST", null)))
                .setReference(new Reference().setIdentifier(new Identifier().setSystem(nl.inzage.contracts.NamingSystems.URA)
                        .setValue(question.dataHolderUra())));
        consent.getProvision().addActor().setRole(new CodeableConcept(new Coding(MitzResources.PARTICIPATION, "PROV", null)))
                .setReference(new Reference().setIdentifier(new Identifier().setSystem(nl.inzage.contracts.NamingSystems.ORGANIZATION_TYPE)
                        .setValue(question.requesterType())));
        ConsentFacts facts = new ConsentFacts(question.patientBsn(), question.dataHolderUra(), "active",
                List.of(new ConsentRule(ConsentRule.PERMIT, null, question.requesterType(), null, List.of())));
        OffsetDateTime time = OffsetDateTime.ofInstant(answeredAt, ZoneOffset.UTC);
        return MitzConsentEntity.<MitzConsentEntity>findById(mitzId, LockModeType.PESSIMISTIC_WRITE)
                .chain(known -> consents.storeFromMitz(known == null ? null : known.consentId, consent, facts)
                        .call(stored -> remember(known, mitzId, stored, time)));
    }

    private static Uni<Void> remember(MitzConsentEntity known, String mitzId, StoredConsent stored, OffsetDateTime time) {
        MitzConsentEntity row = known == null ? new MitzConsentEntity() : known;
        row.mitzId = mitzId;
        row.consentId = stored.id();
        row.mitzTime = time;
        return (known == null ? row.persist() : Uni.createFrom().item(row)).replaceWithVoid();
    }
}
