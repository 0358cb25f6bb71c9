package nl.inzage.relationship.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import nl.inzage.contracts.Actor;
import nl.inzage.relationship.Caller;
import nl.inzage.relationship.CreatedOrFound;
import nl.inzage.relationship.RelationshipEnd;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.RelationshipKind;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipQuery;
import nl.inzage.relationship.RelationshipRules;
import nl.inzage.relationship.RelationshipStatus;
import nl.inzage.relationship.StoredRelationship;
import nl.inzage.relationship.Today;
import nl.inzage.relationship.repository.RelationshipEntity;
import nl.inzage.relationship.repository.RelationshipRepository;

/** Registers, reads, searches and ends relationships; every write is one transaction with its event. */
@ApplicationScoped
public class RelationshipService {

    /** Actor type of a practitioner declaring an access request in the viewer (see {@code Actor}). */
    static final String PRACTITIONER = "practitioner";

    private final RelationshipRepository relationships;
    private final RelationshipWriter writer;
    private final AccessRequestExpiry expiry;
    private final Today today;

    public RelationshipService(RelationshipRepository relationships, RelationshipWriter writer, AccessRequestExpiry expiry,
            Today today) {
        this.relationships = relationships;
        this.writer = writer;
        this.expiry = expiry;
        this.today = today;
    }

    /** A source system registers a relationship of its own organisation with a client. */
    @WithTransaction
    public Uni<StoredRelationship> register(RelationshipFacts facts, Caller caller) {
        return Uni.createFrom().voidItem()
                .invoke(() -> requireOwnOrganization(caller, facts))
                .invoke(() -> requireNoAccessRequest(facts))
                .chain(() -> writer.create(facts, caller.actor()));
    }

    /**
     * A registration that lands once however often it is retried (after a timeout, or a 503 while
     * the database was down): created only when no relationship matches {@code criteria} (the
     * If-None-Exist header, one client, within what the caller may see); when exactly one does, that
     * one is the answer and nothing is written; more than one is 412. Registrations for one client at
     * one organisation take turns (an advisory lock held until commit).
     */
    @WithTransaction
    public Uni<CreatedOrFound> registerUnlessMatching(RelationshipQuery criteria, RelationshipFacts facts, Caller caller) {
        return Uni.createFrom().voidItem()
                .invoke(() -> requireOwnOrganization(caller, facts))
                .invoke(() -> requireNoAccessRequest(facts))
                .map(nothing -> caller.scope(criteria))
                .call(scoped -> relationships.lockRegistrations(scoped.patientBsn(), caller.ura()))
                .chain(scoped -> relationships.search(scoped, today.date()))
                .chain(matches -> {
                    if (matches.isEmpty()) {
                        return writer.create(facts, caller.actor()).map(created -> new CreatedOrFound(created, true));
                    }
                    if (matches.size() == 1) {
                        return Uni.createFrom().item(new CreatedOrFound(RelationshipWriter.stored(matches.get(0)), false));
                    }
                    return Uni.createFrom().failure(new RelationshipProblem(412, "precondition-failed", "If-None-Exist",
                            "If-None-Exist matches " + matches.size() + " relationships; it must match at most one (narrow it, e.g. with active=true)."));
                });
    }

    @WithSession
    public Uni<StoredRelationship> read(String id, Caller caller) {
        return relationships.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(head -> {
                    if (!caller.mayRead(head.patientBsn, head.organizationUra)) {
                        throw RelationshipProblem.forbidden(
                                "You may not read this relationship: it is neither yours nor of your organisation.");
                    }
                })
                .chain(head -> relationships.currentVersion(id))
                .map(RelationshipWriter::stored);
    }

    /** The current version of every relationship the query finds, within what the caller may see. */
    @WithSession
    public Uni<List<StoredRelationship>> search(RelationshipQuery query, Caller caller) {
        RelationshipQuery scoped = caller.scope(query);
        return relationships.search(scoped, today.date())
                .map(rows -> rows.stream().map(RelationshipWriter::stored).toList());
    }

    /**
     * The organisation's source system ends a relationship: a new version, status ended. Nothing is
     * deleted. Refused: not its organisation's (403), already ended (409), end before start (400).
     */
    @WithTransaction
    public Uni<StoredRelationship> end(String id, RelationshipEnd end, Caller caller) {
        return relationships.findForUpdate(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(head -> {
                    if (!caller.mayEnd(head.organizationUra)) {
                        throw RelationshipProblem.forbidden("Only the source system of organisation " + head.organizationUra
                                + " ends this relationship.");
                    }
                    if (RelationshipStatus.ENDED.code().equals(head.status)) {
                        throw RelationshipProblem.conflict("Relationship '" + id + "' has already ended (on " + head.endDate
                                + ", version " + head.version + ").");
                    }
                    RelationshipRules.requireEndNotBeforeStart(end, head.startDate);
                })
                .chain(head -> writer.end(head, end, caller.actor()));
    }

    /**
     * The gateway records a practitioner's access request. One at a time per client and
     * organisation (an advisory lock held until commit): while an access request of that client
     * and organisation is in force it is the answer and nothing is written. One whose end has
     * passed but that the expiry job has not ended yet is ended here first.
     */
    @WithTransaction
    public Uni<CreatedOrFound> requestAccess(RelationshipFacts facts, Caller caller) {
        LocalDate date = today.date();
        Actor practitioner = new Actor(PRACTITIONER, facts.practitioner(), facts.organizationUra());
        return Uni.createFrom().voidItem()
                .invoke(() -> {
                    if (!caller.service() || facts.kind() != RelationshipKind.ACCESS_REQUEST) {
                        throw RelationshipProblem.forbidden("Access requests are recorded for the gateway's service account only.");
                    }
                })
                .chain(() -> relationships.lockAccessRequests(facts.patientBsn(), facts.organizationUra()))
                .chain(() -> relationships.openAccessRequestForUpdate(facts.patientBsn(), facts.organizationUra()))
                .chain(open -> {
                    if (open != null && !open.endDate.isBefore(date)) {
                        return relationships.currentVersion(open.id)
                                .map(row -> new CreatedOrFound(RelationshipWriter.stored(row), false));
                    }
                    Uni<Void> endPassed = open == null
                            ? Uni.createFrom().voidItem()
                            : expiry.expire(open).chain(relationships::flush);
                    return endPassed
                            .chain(() -> writer.create(facts, practitioner))
                            .map(created -> new CreatedOrFound(created, true));
                });
    }

    private static RelationshipProblem notFound(String id) {
        return RelationshipProblem.notFound("No relationship with id '" + id + "'.");
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
}
