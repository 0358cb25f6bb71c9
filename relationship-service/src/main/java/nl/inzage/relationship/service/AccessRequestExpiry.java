package nl.inzage.relationship.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.Roles;
import nl.inzage.relationship.RelationshipEnd;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.config.RelationshipConfig;
import nl.inzage.relationship.repository.RelationshipEntity;
import nl.inzage.relationship.repository.RelationshipRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ends access-request relationships whose end date has passed: a new version, status ended, by this
 * service, published through the outbox like any change. Safe with several instances: each run
 * locks the rows it ends and skips rows another run holds, so every relationship is ended once.
 */
@ApplicationScoped
public class AccessRequestExpiry {

    static final String REASON = "Access request expired: not renewed before its end date.";

    private final RelationshipRepository relationships;
    private final RelationshipWriter writer;
    private final RelationshipConfig config;
    private final Actor self;

    public AccessRequestExpiry(RelationshipRepository relationships, RelationshipWriter writer, RelationshipConfig config,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.relationships = relationships;
        this.writer = writer;
        this.config = config;
        this.self = new Actor(Roles.SERVICE, application, null);
    }

    /** Ends the access requests whose end lies before {@code today} (at most one batch); the versions written. */
    @WithTransaction
    public Uni<List<StoredRelationship>> expire(LocalDate today) {
        return relationships.lockExpiredAccessRequests(today, config.expiryBatchSize())
                .chain(heads -> Multi.createFrom().iterable(heads)
                        .onItem().transformToUniAndConcatenate(this::expire)
                        .collect().asList());
    }

    /** Ends one access request whose end has passed; the caller holds its row lock, inside its transaction. */
    Uni<StoredRelationship> expire(RelationshipEntity head) {
        return writer.end(head, new RelationshipEnd(head.endDate, REASON), self);
    }
}
