package nl.inzage.relationship.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;
import nl.inzage.outbox.Outbox;
import nl.inzage.outbox.StoreRevision;
import nl.inzage.relationship.Caller;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipKind;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipStatus;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.repository.RelationshipEntity;
import nl.inzage.relationship.repository.RelationshipRepository;
import nl.inzage.relationship.repository.RelationshipVersionEntity;

/** Registers and reads relationships; every write stores a new version and its event in one transaction. */
@ApplicationScoped
public class RelationshipService {

    private final RelationshipRepository relationships;
    private final StoreRevision revisions;
    private final Outbox outbox;

    public RelationshipService(RelationshipRepository relationships, StoreRevision revisions, Outbox outbox) {
        this.relationships = relationships;
        this.revisions = revisions;
        this.outbox = outbox;
    }

    /** A source system registers a relationship of its own organisation with a client. */
    @WithTransaction
    public Uni<StoredRelationship> register(RelationshipFacts facts, Caller caller) {
        String id = UUID.randomUUID().toString();
        return Uni.createFrom().voidItem()
                .invoke(() -> requireOwnOrganization(caller, facts))
                .invoke(() -> requireNoAccessRequest(facts))
                .chain(revisions::next)
                .chain(revision -> store(id, 1, revision, RelationshipStatus.ACTIVE, facts, caller.actor()));
    }

    @WithSession
    public Uni<StoredRelationship> read(String id, Caller caller) {
        return relationships.findById(id)
                .onItem().ifNull().failWith(() -> RelationshipProblem.notFound("No relationship with id '" + id + "'."))
                .invoke(head -> {
                    if (!caller.mayRead(head.patientBsn, head.organizationUra)) {
                        throw RelationshipProblem.forbidden(
                                "You may not read this relationship: it is neither yours nor of your organisation.");
                    }
                })
                .chain(head -> relationships.currentVersion(id))
                .map(RelationshipService::stored);
    }

    private static void requireOwnOrganization(Caller caller, RelationshipFacts facts) {
        if (!caller.sourceSystem() || !facts.organizationUra().equals(caller.ura())) {
            throw RelationshipProblem.forbidden("A source system registers relationships only for its own organisation: the token's URA is '"
                    + caller.ura() + "', organization is '" + facts.organizationUra() + "'.");
        }
    }

    /** The practitioner declares an access request in the viewer; a source system cannot declare it for them. */
    private static void requireNoAccessRequest(RelationshipFacts facts) {
        if (facts.kind() == RelationshipKind.ACCESS_REQUEST) {
            throw RelationshipProblem.forbidden("An access-request relationship is recorded only through the gateway's access-request path,"
                    + " not by a source system.");
        }
    }

    private Uni<StoredRelationship> store(String id, int version, long revision, RelationshipStatus status,
            RelationshipFacts facts, Actor actor) {
        // Truncated to what PostgreSQL keeps, so the answer, the event and a later read agree.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

        RelationshipEntity head = new RelationshipEntity();
        head.id = id;
        head.version = version;
        head.patientBsn = facts.patientBsn();
        head.organizationUra = facts.organizationUra();
        head.organizationType = facts.organizationType();
        head.practitionerUzi = facts.practitioner();
        head.kind = facts.kind().code();
        head.status = status.code();
        head.startDate = facts.start();
        head.endDate = facts.end();
        head.reason = facts.reason();
        head.lastUpdated = now;

        RelationshipVersionEntity row = new RelationshipVersionEntity();
        row.relationshipId = id;
        row.version = version;
        row.revision = revision;
        row.patientBsn = facts.patientBsn();
        row.organizationUra = facts.organizationUra();
        row.organizationType = facts.organizationType();
        row.practitionerUzi = facts.practitioner();
        row.kind = facts.kind().code();
        row.status = status.code();
        row.startDate = facts.start();
        row.endDate = facts.end();
        row.reason = facts.reason();
        row.actorType = actor.type();
        row.actorId = actor.id();
        row.actorOrganization = actor.organization();
        row.recordedAt = now;

        String eventId = UUID.randomUUID().toString();
        RelationshipChanged event = new RelationshipChanged(eventId, id, version, revision, now.toInstant(), actor,
                facts.patientBsn(), facts.organizationUra(), facts.organizationType(), facts.practitioner(),
                facts.kind().code(), status.code(), facts.start(), facts.end(), facts.reason());
        return relationships.persist(head)
                .chain(() -> row.persist())
                .chain(() -> outbox.append(Topics.RELATIONSHIP_EVENTS, id, eventId, EventTypes.RELATIONSHIP_CHANGED, id, event))
                .replaceWith(new StoredRelationship(id, version, revision, now.toInstant(), status, facts));
    }

    private static StoredRelationship stored(RelationshipVersionEntity row) {
        RelationshipFacts facts = new RelationshipFacts(row.patientBsn, row.organizationUra, row.organizationType,
                row.practitionerUzi, RelationshipKind.fromCode(row.kind).orElseThrow(), row.startDate, row.endDate, row.reason);
        return new StoredRelationship(row.relationshipId, row.version, row.revision, row.recordedAt.toInstant(),
                RelationshipStatus.fromCode(row.status), facts);
    }
}
