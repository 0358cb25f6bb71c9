package nl.inzage.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import nl.inzage.consent.ConsentQuery;
import nl.inzage.outbox.AdvisoryLocks;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentEntity, String> {

    /** Arbitrary but fixed: the advisory-lock class of "one conditional create at a time per client and data holder". */
    private static final int CREATE_LOCK = 0x636f6e;

    /** One page of current versions and the number of all matches. */
    public record Page(List<ConsentVersionEntity> rows, long total) {
    }

    public Uni<ConsentVersionEntity> version(String consentId, int version) {
        return ConsentVersionEntity.find("consentId = ?1 and version = ?2", consentId, version).firstResult();
    }

    public Uni<List<ConsentVersionEntity>> versions(String consentId) {
        return ConsentVersionEntity.list("consentId = ?1 order by version desc", consentId);
    }

    /** The current version of the consent last changed for this client at this data holder, or null. */
    public Uni<ConsentVersionEntity> latest(String patientBsn, String custodianUra) {
        return ConsentVersionEntity.find("select v " + CURRENT + " and c.patientBsn = :patient and c.custodianUra = :custodian order by v.revision desc",
                Parameters.with("patient", patientBsn).and("custodian", custodianUra)).firstResult();
    }

    /** Waits for, then holds until commit, the lock of conditional creates for this client at this data holder. */
    public Uni<Void> lockCreates(String patientBsn, String custodianUra) {
        return AdvisoryLocks.hold(CREATE_LOCK, patientBsn + "/" + custodianUra);
    }

    public Uni<Page> search(ConsentQuery query) {
        StringBuilder where = new StringBuilder(CURRENT);
        Parameters parameters = new Parameters();
        if (query.patientBsn() != null) {
            where.append(" and c.patientBsn = :patient");
            parameters.and("patient", query.patientBsn());
        }
        if (query.custodianUra() != null) {
            where.append(" and c.custodianUra = :custodian");
            parameters.and("custodian", query.custodianUra());
        }
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.append(" and c.status in :statuses");
            parameters.and("statuses", query.statuses());
        }
        if (query.updatedFrom() != null) {
            where.append(query.fromInclusive() ? " and c.lastUpdated >= :from" : " and c.lastUpdated > :from");
            parameters.and("from", query.updatedFrom());
        }
        if (query.updatedTo() != null) {
            where.append(query.toInclusive() ? " and c.lastUpdated <= :to" : " and c.lastUpdated < :to");
            parameters.and("to", query.updatedTo());
        }
        String select = "select v " + where;
        return ConsentVersionEntity.find(select, parameters).count()
                .chain(count -> query.count() == 0
                        ? Uni.createFrom().item(new Page(List.of(), count))
                        : ConsentVersionEntity.<ConsentVersionEntity>find(select + " order by c.lastUpdated desc, c.id", parameters)
                                .range(query.offset(), query.offset() + query.count() - 1).list()
                                .map(rows -> new Page(rows, count)));
    }

    /** The current version of each consent, joined with its head row for filtering. */
    private static final String CURRENT =
            "from ConsentVersionEntity v, ConsentEntity c where v.consentId = c.id and v.version = c.version";
}
