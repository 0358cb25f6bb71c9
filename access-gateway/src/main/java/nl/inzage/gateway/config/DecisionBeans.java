package nl.inzage.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.DataCategories;
import nl.inzage.gateway.decision.AccessDecider;
import nl.inzage.gateway.decision.RoleCategoryMatrix;

/** Builds the pure decision core from configuration. */
public class DecisionBeans {

    @Produces
    @Singleton
    RoleCategoryMatrix matrix(AccessConfig config) {
        Map<String, Set<String>> byRole = new HashMap<>();
        config.matrix().forEach((role, categories) -> {
            Set<String> unknown = new HashSet<>(categories);
            unknown.removeAll(DataCategories.ALL);
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("inzage.access.matrix." + role + " names unknown data categories " + unknown);
            }
            byRole.put(role, Set.copyOf(categories));
        });
        return new RoleCategoryMatrix(Map.copyOf(byRole), Set.copyOf(DataCategories.ALL));
    }

    @Produces
    @Singleton
    AccessDecider decider(RoleCategoryMatrix matrix, AccessConfig config) {
        return new AccessDecider(matrix, ZoneId.of(config.zone()));
    }
}
