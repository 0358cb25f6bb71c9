package nl.inzage.relationship.inbound;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InboundReceiptRepository implements PanacheRepositoryBase<InboundReceiptEntity, InboundReceiptEntity.Key> {
}
