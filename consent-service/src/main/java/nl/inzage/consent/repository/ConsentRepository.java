package nl.inzage.consent.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentEntity, String> {

    public Uni<ConsentVersionEntity> currentVersion(String consentId) {
        return ConsentVersionEntity.find("consentId = ?1 order by version desc", consentId).firstResult();
    }
}
