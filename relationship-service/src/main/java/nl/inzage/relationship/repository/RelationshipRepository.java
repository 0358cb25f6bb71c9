package nl.inzage.relationship.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RelationshipRepository implements PanacheRepositoryBase<RelationshipEntity, String> {

    public Uni<RelationshipVersionEntity> currentVersion(String relationshipId) {
        return RelationshipVersionEntity.find("relationshipId = ?1 order by version desc", relationshipId).firstResult();
    }
}
