package nl.inzage.relationship.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import nl.inzage.outbox.AdvisoryLocks;
import nl.inzage.relationship.RelationshipKind;
import nl.inzage.relationship.RelationshipQuery;
import nl.inzage.relationship.RelationshipStatus;

@ApplicationScoped
public class RelationshipRepository implements PanacheRepositoryBase<RelationshipEntity, String> {

    /** Arbitrary but fixed: the advisory-lock class of "one access request at a time per client and organisation". */
    private static final int ACCESS_REQUEST_LOCK = 0x72656c;
    /** Likewise for "one conditional registration at a time per client and organisation". */
    private static final int REGISTRATION_LOCK = 0x726567;

    public Uni<RelationshipVersionEntity> currentVersion(String relationshipId) {
        return RelationshipVersionEntity.find("relationshipId = ?1 order by version desc", relationshipId).firstResult();
    }

    /** The head row, locked until the transaction ends: two writers of one relationship take turns. */
    public Uni<RelationshipEntity> findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The current version of every relationship matching the query, oldest start first. */
    public Uni<List<RelationshipVersionEntity>> search(RelationshipQuery query, LocalDate today) {
        StringBuilder where = new StringBuilder("r.patientBsn = :patient");
        if (query.organizationUra() != null) {
            where.append(" and r.organizationUra = :organization");
        }
        if (query.activeOnly()) {
            where.append(" and r.status = :active and r.startDate <= :today and (r.endDate is null or r.endDate >= :today)");
        }
        String hql = "select v from RelationshipVersionEntity v, RelationshipEntity r"
                + " where v.relationshipId = r.id and v.version = r.version and " + where
                + " order by r.startDate, r.id";
        return Panache.getSession().chain(session -> {
            var select = session.createSelectionQuery(hql, RelationshipVersionEntity.class)
                    .setParameter("patient", query.patientBsn());
            if (query.organizationUra() != null) {
                select.setParameter("organization", query.organizationUra());
            }
            if (query.activeOnly()) {
                select.setParameter("active", RelationshipStatus.ACTIVE.code()).setParameter("today", today);
            }
            return select.getResultList();
        });
    }

    /**
     * Waits for, then holds until commit, the lock of this client's access requests at this
     * organisation: a second identical request sees the first one's relationship, never a gap.
     */
    public Uni<Void> lockAccessRequests(String patientBsn, String organizationUra) {
        return AdvisoryLocks.hold(ACCESS_REQUEST_LOCK, patientBsn + "/" + organizationUra);
    }

    /** Waits for, then holds until commit, the lock of conditional registrations for this client at this organisation. */
    public Uni<Void> lockRegistrations(String patientBsn, String organizationUra) {
        return AdvisoryLocks.hold(REGISTRATION_LOCK, patientBsn + "/" + organizationUra);
    }


    /**
     * The access request of this client at this organisation that is not ended (at most one: a
     * partial unique index), locked: if the expiry job is ending it, this waits and then finds none.
     */
    public Uni<RelationshipEntity> openAccessRequestForUpdate(String patientBsn, String organizationUra) {
        return find("patientBsn = ?1 and organizationUra = ?2 and kind = ?3 and status = ?4",
                patientBsn, organizationUra, RelationshipKind.ACCESS_REQUEST.code(), RelationshipStatus.ACTIVE.code())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /**
     * Access requests not ended whose end date lies before {@code today}, locked; rows another
     * transaction holds are skipped, so two expiry runs at once never take the same relationship.
     */
    public Uni<List<RelationshipEntity>> lockExpiredAccessRequests(LocalDate today, int limit) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        select * from relationship
                        where kind = ?1 and status = ?2 and end_date < ?3
                        order by end_date, id
                        limit ?4
                        for update skip locked""", RelationshipEntity.class)
                .setParameter(1, RelationshipKind.ACCESS_REQUEST.code())
                .setParameter(2, RelationshipStatus.ACTIVE.code())
                .setParameter(3, today)
                .setParameter(4, limit)
                .getResultList());
    }

    /** Writes pending changes now, so a later insert sees them (Hibernate would insert before it updates). */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }
}
