package nl.inzage.consent.service;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import nl.inzage.consent.Caller;
import nl.inzage.consent.ConsentFacts;
import nl.inzage.consent.ConsentQuery;
import nl.inzage.consent.ConsentStatus;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.SearchPage;
import nl.inzage.consent.StoredConsent;
import nl.inzage.consent.fhir.ConsentReader;
import nl.inzage.consent.fhir.FhirContextProducer;
import nl.inzage.consent.mitz.MitzConsentReader;
import nl.inzage.consent.mitz.MitzSubscriptions;
import nl.inzage.consent.repository.ConsentEntity;
import nl.inzage.consent.repository.ConsentRepository;
import nl.inzage.consent.repository.ConsentVersionEntity;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentOutcome;
import nl.inzage.contracts.ConsentRules;
import nl.inzage.contracts.EventTypes;
import nl.inzage.contracts.Topics;
import nl.inzage.outbox.Outbox;
import nl.inzage.outbox.RowInserts;
import nl.inzage.outbox.StoreRevision;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Writes and reads consents. Every write stores a new version and its event in one transaction;
 * nothing is ever deleted (withdrawal is a version with status {@code inactive}).
 */
@ApplicationScoped
public class ConsentService {

    /** {@link ConsentChanged#origin()} of a version imported from a regional register. */
    public static final String ORIGIN_MIGRATION = "migration";
    /** {@link ConsentChanged#origin()} of a version replicated from Mitz (a notification or a closed-question answer). */
    public static final String ORIGIN_MITZ = "mitz";
    private static final Actor MITZ = new Actor(ORIGIN_MITZ, ORIGIN_MITZ, null);

    private final ConsentRepository consents;
    private final StoreRevision revisions;
    private final Outbox outbox;
    private final FhirContext fhir;
    private final ConsentReader reader;
    private final MitzConsentReader mitzReader;
    private final MitzSubscriptions mitzSubscriptions;

    public ConsentService(ConsentRepository consents, StoreRevision revisions, Outbox outbox, FhirContext fhir,
            ConsentReader reader, MitzConsentReader mitzReader, MitzSubscriptions mitzSubscriptions) {
        this.consents = consents;
        this.revisions = revisions;
        this.outbox = outbox;
        this.fhir = fhir;
        this.reader = reader;
        this.mitzReader = mitzReader;
        this.mitzSubscriptions = mitzSubscriptions;
    }

    /**
     * A version replicated from Mitz: a new consent when {@code consentId} is null, else the next
     * version of that one. Mitz is the authority here; ordering and duplicates are the caller's
     * (MitzNotificationService) to settle. Joins the caller's transaction.
     */
    @WithTransaction
    public Uni<StoredConsent> storeFromMitz(String consentId, Consent consent, ConsentFacts facts) {
        if (consentId == null) {
            String id = UUID.randomUUID().toString();
            return revisions.next()
                    .chain(revision -> store(new ConsentEntity(), id, 1, revision, consent, facts, MITZ, ORIGIN_MITZ));
        }
        return consents.findById(consentId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new IllegalStateException("Mitz consent maps to a missing consent"))
                .chain(head -> revisions.next()
                        .chain(revision -> store(head, consentId, head.version + 1, revision, consent, facts, MITZ, ORIGIN_MITZ)));
    }

    @WithTransaction
    public Uni<StoredConsent> create(Consent consent, ConsentFacts facts, Caller caller, String origin) {
        return Uni.createFrom().voidItem()
                .invoke(() -> requireSourceSystemOf(caller, facts.custodianUra()))
                .chain(() -> createFirstVersion(consent, facts, caller.actor(), origin));
    }

    /** What a conditional create did: created the consent, or found the one that matched and wrote nothing. */
    public record CreatedOrFound(StoredConsent consent, boolean created) {
    }

    /**
     * FHIR conditional create ({@code If-None-Exist}): the consent is created only when no current
     * consent matches {@code criteria} (one client at the caller's organisation); when exactly one
     * does, that one is the answer and nothing is written, so a create retried after a lost answer
     * or a 503 lands once. More than one match is 412. Creates for one client at one organisation
     * take turns (an advisory lock held until commit), so two retries at once cannot both create.
     */
    @WithTransaction
    public Uni<CreatedOrFound> createUnlessMatching(ConsentQuery criteria, Consent consent, ConsentFacts facts, Caller caller, String origin) {
        return Uni.createFrom().voidItem()
                .invoke(() -> requireSourceSystemOf(caller, facts.custodianUra()))
                .chain(() -> consents.lockCreates(criteria.patientBsn(), caller.ura()))
                .chain(() -> consents.search(criteria))
                .chain(matches -> {
                    if (matches.total() == 0) {
                        return createFirstVersion(consent, facts, caller.actor(), origin).map(created -> new CreatedOrFound(created, true));
                    }
                    if (matches.total() == 1) {
                        return Uni.createFrom().item(new CreatedOrFound(stored(matches.rows().get(0)), false));
                    }
                    return Uni.createFrom().failure(new FhirProblem(412, IssueType.MULTIPLEMATCHES, "If-None-Exist matches "
                            + matches.total() + " consents; it must match at most one (narrow it, e.g. with status)."));
                });
    }

    private Uni<StoredConsent> createFirstVersion(Consent consent, ConsentFacts facts, Actor actor, String origin) {
        String id = UUID.randomUUID().toString();
        return revisions.next().chain(revision -> store(new ConsentEntity(), id, 1, revision, consent, facts, actor, origin));
    }

    /**
     * One consent of a migration batch, ready to store: its new id, when it was recorded, its FHIR
     * JSON (with id and meta) and its facts. Made by {@link #prepareMigrated}.
     */
    public record Migrated(String id, OffsetDateTime recordedAt, String json, ConsentFacts facts) {
    }

    private static final List<String> HEAD_COLUMNS = List.of("id", "version", "status", "patient_bsn", "custodian_ura", "last_updated");
    private static final List<String> VERSION_COLUMNS = List.of("consent_id", "version", "revision", "status", "origin", "actor_type",
            "actor_id", "actor_organization", "recorded_at", "resource");

    /**
     * Gives a migrated Consent its id and meta (version 1) and encodes it: the CPU-heavy part of
     * storing it, done on the caller's thread (the migration's worker), not on the event loop.
     */
    public Migrated prepareMigrated(Consent consent, ConsentFacts facts) {
        // Truncated to what PostgreSQL keeps, so the stored version, the event and a later read agree.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        consent.setId(id);
        consent.getMeta().setVersionId("1").setLastUpdated(Date.from(now.toInstant()));
        return new Migrated(id, now, FhirContextProducer.jsonParser(fhir).encodeResourceToString(consent), facts);
    }

    /**
     * Consents a regional register held, each as a first version with origin {@code migration},
     * its own store revision and its event in the outbox, exactly as {@link #create} stores one,
     * but written with a few statements for the whole batch (one revision update, then one
     * multi-row insert per table) instead of several round trips per consent. Who may migrate
     * which data holder's consents is the migration's to decide (operator, or a privacy officer
     * for her own organisation); joins the migration batch's transaction. Answers in batch order.
     */
    @WithTransaction
    public Uni<List<StoredConsent>> createMigrated(List<Migrated> batch, Actor actor) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return revisions.next(batch.size()).chain(last -> {
            long first = last - batch.size() + 1;
            List<Object[]> heads = new ArrayList<>(batch.size());
            List<Object[]> versions = new ArrayList<>(batch.size());
            List<Outbox.Pending> events = new ArrayList<>(batch.size());
            List<StoredConsent> stored = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Migrated consent = batch.get(i);
                ConsentFacts facts = consent.facts();
                String id = consent.id();
                long revision = first + i;
                heads.add(new Object[] {id, 1, facts.status(), facts.patientBsn(), facts.custodianUra(), consent.recordedAt()});
                versions.add(new Object[] {id, 1, revision, facts.status(), ORIGIN_MIGRATION, actor.type(), actor.id(),
                        actor.organization(), consent.recordedAt(), consent.json()});
                String eventId = UUID.randomUUID().toString();
                events.add(new Outbox.Pending(Topics.CONSENT_EVENTS, id, eventId, EventTypes.CONSENT_CHANGED, id,
                        new ConsentChanged(eventId, id, 1, revision, consent.recordedAt().toInstant(), actor, ORIGIN_MIGRATION,
                                facts.status(), facts.patientBsn(), facts.custodianUra(), facts.rules(), consent.json())));
                stored.add(new StoredConsent(id, 1, revision, facts.status(), consent.json()));
            }
            return RowInserts.insert("consent", HEAD_COLUMNS, heads)
                    .chain(() -> RowInserts.insert("consent_version", VERSION_COLUMNS, versions))
                    .chain(() -> outbox.appendAll(events))
                    .replaceWith(stored);
        });
    }

    /**
     * A new version of an existing consent. The row lock on the consent serialises concurrent
     * updates, so {@code expectedVersion} (from If-Match) is checked against the committed state.
     */
    @WithTransaction
    public Uni<StoredConsent> update(String id, Integer expectedVersion, Consent consent, ConsentFacts facts, Caller caller,
            String origin) {
        return consents.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> FhirProblem.notFound("No Consent with id '" + id + "': create it with POST."))
                .invoke(head -> {
                    if (!caller.mayWrite(head.patientBsn, head.custodianUra)) {
                        throw FhirProblem.forbidden("You may change only your own consents, or those your organisation holds.");
                    }
                    if (expectedVersion != null && expectedVersion != head.version) {
                        throw new FhirProblem(412, IssueType.CONFLICT, "Version conflict: If-Match names version " + expectedVersion
                                + " but the current version is " + head.version + ". Read it again and reapply your change.");
                    }
                    if (!head.patientBsn.equals(facts.patientBsn()) || !head.custodianUra.equals(facts.custodianUra())) {
                        throw FhirProblem.unprocessable("Consent.patient and Consent.organization cannot change; record a new Consent instead.");
                    }
                })
                .chain(head -> revisions.next()
                        .chain(revision -> store(head, id, head.version + 1, revision, consent, facts, caller.actor(), origin)));
    }

    @WithSession
    public Uni<StoredConsent> read(String id, Caller caller) {
        return readableHead(id, caller)
                .chain(head -> consents.version(id, head.version))
                .map(ConsentService::stored);
    }

    @WithSession
    public Uni<StoredConsent> readVersion(String id, int version, Caller caller) {
        return readableHead(id, caller)
                .chain(head -> consents.version(id, version))
                .onItem().ifNull().failWith(() -> FhirProblem.notFound("Consent '" + id + "' has no version " + version + "."))
                .map(ConsentService::stored);
    }

    /** Every version, newest first. */
    @WithSession
    public Uni<List<StoredConsent>> history(String id, Caller caller) {
        return readableHead(id, caller)
                .chain(head -> consents.versions(id))
                .map(rows -> rows.stream().map(ConsentService::stored).toList());
    }

    @WithSession
    public Uni<SearchPage> search(ConsentQuery query) {
        return consents.search(query)
                .map(page -> new SearchPage(page.rows().stream().map(ConsentService::stored).toList(), page.total()));
    }

    /**
     * Permit, deny or no choice yet for one client at one data holder, optionally for one
     * requester and category (the combination rules). The latest changed consent counts.
     */
    @WithSession
    public Uni<ConsentStatus> status(String patientBsn, String custodianUra, String organization, String organizationType,
            String category) {
        return revisions.current().chain(revision -> consents.latest(patientBsn, custodianUra)
                .map(version -> {
                    if (version == null) {
                        return new ConsentStatus("no-choice", List.of(), revision);
                    }
                    ConsentFacts facts = factsOf(version);
                    ConsentOutcome outcome = organization == null && category == null
                            ? baseOutcome(facts)
                            : ConsentRules.evaluate(facts.status(), facts.rules(), organization, organizationType, category);
                    String status = switch (outcome) {
                        case PERMIT -> "permit";
                        case NO_CHOICE -> "no-choice";
                        default -> "deny";
                    };
                    return new ConsentStatus(status, List.of(version.consentId + "/_history/" + version.version), revision);
                }));
    }

    /** Without a requester: does the consent share with the network at all? */
    private static ConsentOutcome baseOutcome(ConsentFacts facts) {
        return ConsentRules.evaluate(facts.status(), facts.rules().stream().filter(rule -> rule.organization() == null
                && rule.organizationType() == null && rule.providerCategory() == null && rule.dataCategories().isEmpty()).toList(),
                null, null, null);
    }

    private Uni<ConsentEntity> readableHead(String id, Caller caller) {
        return consents.findById(id)
                .onItem().ifNull().failWith(() -> FhirProblem.notFound("No Consent with id '" + id + "'."))
                .invoke(head -> {
                    if (!caller.mayRead(head.patientBsn, head.custodianUra)) {
                        throw FhirProblem.forbidden("You may not read this Consent: it is neither yours nor held by your organisation.");
                    }
                });
    }

    private static void requireSourceSystemOf(Caller caller, String custodianUra) {
        if (!caller.sourceSystem() || !custodianUra.equals(caller.ura())) {
            throw FhirProblem.forbidden("A source system records consents only for its own organisation: the token's URA is '"
                    + caller.ura() + "', Consent.organization is '" + custodianUra + "'.");
        }
    }

    private Uni<StoredConsent> store(ConsentEntity head, String id, int version, long revision, Consent consent, ConsentFacts facts,
            Actor actor, String origin) {
        // Truncated to what PostgreSQL keeps, so the answer, the event and a later read agree.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        consent.setId(id);
        consent.getMeta().setVersionId(Integer.toString(version)).setLastUpdated(Date.from(now.toInstant()));
        String json = FhirContextProducer.jsonParser(fhir).encodeResourceToString(consent);

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
        return (version == 1 ? consents.persist(head) : Uni.createFrom().item(head))
                .chain(() -> row.persist())
                .chain(() -> outbox.append(Topics.CONSENT_EVENTS, id, eventId, EventTypes.CONSENT_CHANGED, id, event))
                // A client's first consent at a data holder connected to Mitz registers her there (same transaction).
                .chain(() -> mitzSubscriptions.ensure(facts.patientBsn(), facts.custodianUra()))
                .replaceWith(new StoredConsent(id, version, revision, facts.status(), json));
    }

    private ConsentFacts factsOf(ConsentVersionEntity row) {
        if (ORIGIN_MITZ.equals(row.origin)) {
            return mitzReader.facts(reader.parse(row.resource));
        }
        return reader.facts(reader.parse(row.resource));
    }

    private static StoredConsent stored(ConsentVersionEntity row) {
        return new StoredConsent(row.consentId, row.version, row.revision, row.status, row.resource);
    }
}
