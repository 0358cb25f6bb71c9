package nl.inzage.relationship.inbound;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.inzage.relationship.Caller;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.service.RelationshipService;

/**
 * Applies inbound inputs exactly once: the relationship and the input's receipt commit in one
 * transaction, so an input is either fully applied and receipted or not at all.
 */
@ApplicationScoped
public class InboundRelationshipService {

    private final RelationshipService relationships;
    private final InboundReceiptRepository receipts;

    public InboundRelationshipService(RelationshipService relationships, InboundReceiptRepository receipts) {
        this.relationships = relationships;
        this.receipts = receipts;
    }

    /** The receipt of an input handled before, or null. */
    @WithSession
    public Uni<InboundReceiptEntity> receipt(InboundInput input) {
        return receipts.findById(new InboundReceiptEntity.Key(input.topic(), input.inputId()));
    }

    /**
     * Registers the relationship as the source system that owns the topic, and receipts the input.
     * {@link RelationshipService}'s own {@code @WithTransaction} joins this transaction, so the
     * receipt insert failing undoes the relationship and its outbox event too. A
     * {@code RelationshipProblem} (another organisation's, an access request) rolls everything back
     * and is the caller's to reject.
     */
    @WithTransaction
    public Uni<InboundReceiptEntity> apply(InboundInput input, RelationshipFacts facts) {
        Caller source = Caller.inboundSource(input.topic(), input.sourceUra());
        return relationships.register(facts, source).chain(relationship -> {
            InboundReceiptEntity receipt = newReceipt(input);
            receipt.accepted = true;
            receipt.relationshipId = relationship.id();
            receipt.version = relationship.version();
            receipt.revision = relationship.revision();
            // Flushed here, inside the transaction: a conflicting receipt fails the whole write.
            return receipts.persistAndFlush(receipt);
        });
    }

    /** Receipts a refused input with its problem body; nothing else is stored. */
    @WithTransaction
    public Uni<InboundReceiptEntity> reject(InboundInput input, String problem) {
        InboundReceiptEntity receipt = newReceipt(input);
        receipt.accepted = false;
        receipt.outcome = problem;
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
