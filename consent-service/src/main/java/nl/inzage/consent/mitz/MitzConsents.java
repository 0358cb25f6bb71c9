package nl.inzage.consent.mitz;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import nl.inzage.consent.Caller;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.service.ConsentService;
import org.hl7.fhir.r4.model.Consent;

/**
 * The Dossierhoudersknop: a source system records, with the client, her choice for its own
 * organisation. Stored like any consent, and forwarded to Mitz through the Mitz outbox in the same
 * transaction, so it reaches Mitz even when Mitz is away right now.
 */
@ApplicationScoped
public class MitzConsents {

    private final ConsentService consents;
    private final MitzOutbox outbox;
    private final FhirContext fhir;

    public MitzConsents(ConsentService consents, MitzOutbox outbox, FhirContext fhir) {
        this.consents = consents;
        this.outbox = outbox;
        this.fhir = fhir;
    }

    @WithTransaction
    public Uni<StoredConsent> record(Consent consent, ConsentFacts facts, Caller caller) {
        return consents.create(consent, facts, caller, caller.origin())
                .call(stored -> outbox.append(MitzClient.Kind.CONSENT, "consent:" + stored.id() + ":" + stored.version(),
                        forMitz(stored)));
    }

    private String forMitz(StoredConsent stored) {
        Consent copy = (Consent) FhirContextProducer.jsonParser(fhir).parseResource(stored.resource());
        copy.setMeta(null);
        return FhirContextProducer.jsonParser(fhir).encodeResourceToString(copy);
    }
}
