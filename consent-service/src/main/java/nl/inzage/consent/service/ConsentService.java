package nl.inzage.consent.service;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import nl.inzage.consent.Caller;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.repository.ConsentEntity;
import nl.inzage.consent.repository.ConsentRepository;
import nl.inzage.consent.repository.ConsentVersionEntity;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import nl.inzage.outbox.Outbox;
import nl.inzage.outbox.StoreRevision;
import org.hl7.fhir.r4.model.Consent;

/** Writes and reads consents; every write stores a new version and its event in one transaction. */
@ApplicationScoped
public class ConsentService {

    private final ConsentRepository consents;
    private final StoreRevision revisions;
    private final Outbox outbox;
    private final FhirContext fhir;

    public ConsentService(ConsentRepository consents, StoreRevision revisions, Outbox outbox, FhirContext fhir) {
        this.consents = consents;
        this.revisions = revisions;
        this.outbox = outbox;
        this.fhir = fhir;
    }

    @WithTransaction
    public Uni<StoredConsent> create(Consent consent, ConsentFacts facts, Caller caller, String origin) {
        String id = UUID.randomUUID().toString();
        return Uni.createFrom().voidItem()
                .invoke(() -> requireCustodian(caller, facts))
                .chain(revisions::next)
                .chain(revision -> store(id, 1, revision, consent, facts, caller.actor(), origin));
    }

    @WithSession
    public Uni<StoredConsent> read(String id, Caller caller) {
        return consents.findById(id)
                .onItem().ifNull().failWith(() -> FhirProblem.notFound("No Consent with id '" + id + "'."))
                .invoke(head -> {
                    if (!caller.mayRead(head.patientBsn, head.custodianUra)) {
                        throw FhirProblem.forbidden("You may not read this Consent: it is neither yours nor held by your organisation.");
                    }
                })
                .chain(head -> consents.currentVersion(id))
                .map(version -> new StoredConsent(version.consentId, version.version, version.revision, version.resource));
    }

    private static void requireCustodian(Caller caller, ConsentFacts facts) {
        if (!caller.sourceSystem() || !facts.custodianUra().equals(caller.ura())) {
            throw FhirProblem.forbidden("A source system records consents only for its own organisation: the token's URA is '"
                    + caller.ura() + "', Consent.organization is '" + facts.custodianUra() + "'.");
        }
    }

    private Uni<StoredConsent> store(String id, int version, long revision, Consent consent, ConsentFacts facts,
            Actor actor, String origin) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        consent.setId(id);
        consent.getMeta().setVersionId(Integer.toString(version)).setLastUpdated(Date.from(now.toInstant()));
        String json = FhirContextProducer.jsonParser(fhir).encodeResourceToString(consent);

        ConsentEntity head = new ConsentEntity();
        head.id = id;
        head.version = version;
        head.status = facts.status();
        head.patientBsn = facts.patientBsn();
        head.custodianUra = facts.custodianUra();
        head.lastUpdated = now;

        ConsentVersionEntity row = new ConsentVersionEntity();
        row.consentId = id;
        row.version = version;
        row.revision = revision;
        row.status = facts.status();
        row.origin = origin;
        row.actorType = actor.type();
        row.actorId = actor.id();
        row.actorOrganization = actor.organization();
        row.recordedAt = now;
        row.resource = json;

        String eventId = UUID.randomUUID().toString();
        ConsentChanged event = new ConsentChanged(eventId, id, version, revision, now.toInstant(), actor, origin,
                facts.status(), facts.patientBsn(), facts.custodianUra(), facts.rules(), json);
        return consents.persist(head)
                .chain(() -> row.persist())
                .chain(() -> outbox.append(Topics.CONSENT_EVENTS, id, eventId, EventTypes.CONSENT_CHANGED, id, event))
                .replaceWith(new StoredConsent(id, version, revision, json));
    }
}
