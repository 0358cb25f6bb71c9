package nl.inzage.relationship;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import nl.inzage.relationship.config.RelationshipConfig;

/** The date today in the register's zone: what "active" and an access request's period are measured against. */
@ApplicationScoped
public class Today {

    private final RelationshipConfig config;

    public Today(RelationshipConfig config) {
        this.config = config;
    }

    public LocalDate date() {
        return LocalDate.now(config.zone());
    }
}
