package nl.inzage.relationship.service;

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
import nl.inzage.relationship.RelationshipEnd;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipKind;
import nl.inzage.relationship.RelationshipStatus;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.repository.RelationshipEntity;
import nl.inzage.relationship.repository.RelationshipRepository;
import nl.inzage.relationship.repository.RelationshipVersionEntity;

/**
 * Writes versions, inside the caller's transaction: each one moves the head row, adds a version row
 * that is never changed again, takes the next store revision and appends its event to the outbox.
 * Who may write what is the caller's concern.
 */
@ApplicationScoped
public class RelationshipWriter {

    private final RelationshipRepository relationships;
    private final StoreRevision revisions;
    private final Outbox outbox;

    public RelationshipWriter(RelationshipRepository relationships, StoreRevision revisions, Outbox outbox) {
        this.relationships = relationships;
        this.revisions = revisions;
        this.outbox = outbox;
    }

    /** A new relationship, version 1, active. */
    public Uni<StoredRelationship> create(RelationshipFacts facts, Actor actor) {
        RelationshipEntity head = new RelationshipEntity();
        head.id = UUID.randomUUID().toString();
        return revisions.next()
                .chain(revision -> write(head, 1, revision, RelationshipStatus.ACTIVE, facts, actor));
    }

    /** The next version of a relationship whose head the caller has locked: ended, on the given day. */
    public Uni<StoredRelationship> end(RelationshipEntity head, RelationshipEnd end, Actor actor) {
        RelationshipFacts facts = new RelationshipFacts(head.patientBsn, head.organizationUra, head.organizationType,
                head.practitionerUzi, RelationshipKind.fromCode(head.kind).orElseThrow(), head.startDate, end.end(),
                end.reason() == null ? head.reason : end.reason());
        return revisions.next()
                .chain(revision -> write(head, head.version + 1, revision, RelationshipStatus.ENDED, facts, actor));
    }

    private Uni<StoredRelationship> write(RelationshipEntity head, int version, long revision, RelationshipStatus status,
            RelationshipFacts facts, Actor actor) {
        // Truncated to what PostgreSQL keeps, so the answer, the event and a later read agree.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String id = head.id;

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
        // persist on a managed head (an end) changes nothing: its new state is flushed at commit.
        return relationships.persist(head)
                .chain(() -> row.persist())
                .chain(() -> outbox.append(Topics.RELATIONSHIP_EVENTS, id, eventId, EventTypes.RELATIONSHIP_CHANGED, id, event))
                .replaceWith(new StoredRelationship(id, version, revision, now.toInstant(), status, facts));
    }

    static StoredRelationship stored(RelationshipVersionEntity row) {
        RelationshipFacts facts = new RelationshipFacts(row.patientBsn, row.organizationUra, row.organizationType,
                row.practitionerUzi, RelationshipKind.fromCode(row.kind).orElseThrow(), row.startDate, row.endDate, row.reason);
        return new StoredRelationship(row.relationshipId, row.version, row.revision, row.recordedAt.toInstant(),
                RelationshipStatus.fromCode(row.status), facts);
    }
}
