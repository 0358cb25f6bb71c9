package nl.inzage.deploy.model;

import java.util.List;
import java.util.Map;

/** The four services of the product, their HTTP ports and (where they have one) their database cluster. */
public final class Services {

    public static final List<String> ALL = List.of("consent-service", "relationship-service", "audit-service", "access-gateway");

    public static final Map<String, Integer> PORTS = Map.of(
            "access-gateway", 8080, "consent-service", 8081, "relationship-service", 8082, "audit-service", 8083);

    public static final Map<String, String> DATABASE_CLUSTERS = Map.of(
            "consent-service", "consent-db", "relationship-service", "relationship-db", "audit-service", "audit-db");

    private Services() {
    }
}
