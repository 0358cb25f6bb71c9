package nl.inzage.consent.inbound;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.inzage.consent.Caller;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.inbound.InboundConsentReader.Write;
import nl.inzage.consent.service.ConsentService;

/**
 * Applies inbound inputs exactly once: the consent version and the input's receipt commit in one
 * transaction, so an input is either fully applied and receipted or not at all.
 */
@ApplicationScoped
public class InboundConsentService {

    private final ConsentService consents;
    private final InboundReceiptRepository receipts;

    public InboundConsentService(ConsentService consents, InboundReceiptRepository receipts) {
        this.consents = consents;
        this.receipts = receipts;
    }

    /** The receipt of an input handled before, or null. */
    @WithSession
    public Uni<InboundReceiptEntity> receipt(InboundInput input) {
        return receipts.findById(new InboundReceiptEntity.Key(input.topic(), input.inputId()));
    }

    /**
     * Creates the consent (no id in the body) or a new version of it (the current one: Kafka has no
     * If-Match), as the source system that owns the topic, and receipts the input.
     * {@link ConsentService}'s own {@code @WithTransaction} joins this transaction (Hibernate
     * Reactive runs nested work in the session's open transaction), so the receipt insert failing
     * undoes the consent version and its outbox event too. A {@code FhirProblem} (not this source's
     * consent, unknown id, patient changed) rolls everything back and is the caller's to reject.
     */
    @WithTransaction
    public Uni<InboundReceiptEntity> apply(InboundInput input, Write write) {
        Caller source = Caller.inboundSource(input.topic(), input.sourceUra());
        Uni<StoredConsent> stored = write.consentId() == null
                ? consents.create(write.consent(), write.facts(), source, source.origin())
                : consents.update(write.consentId(), null, write.consent(), write.facts(), source, source.origin());
        return stored.chain(consent -> {
            InboundReceiptEntity receipt = newReceipt(input);
            receipt.accepted = true;
            receipt.consentId = consent.id();
            receipt.version = consent.version();
            receipt.revision = consent.revision();
            // Flushed here, inside the transaction: a conflicting receipt fails the whole write.
            return receipts.persistAndFlush(receipt);
        });
    }

    /** Receipts a refused input with its OperationOutcome; nothing else is stored. */
    @WithTransaction
    public Uni<InboundReceiptEntity> reject(InboundInput input, String operationOutcome) {
        InboundReceiptEntity receipt = newReceipt(input);
        receipt.accepted = false;
        receipt.outcome = operationOutcome;
        return receipts.persistAndFlush(receipt);
    }

    private static InboundReceiptEntity newReceipt(InboundInput input) {
        InboundReceiptEntity receipt = new InboundReceiptEntity();
        receipt.topic = input.topic();
        receipt.inputId = input.inputId();
        receipt.partition = input.partition();
        receipt.recordOffset = input.offset();
        receipt.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return receipt;
    }
}
