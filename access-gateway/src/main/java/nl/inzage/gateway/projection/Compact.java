package nl.inzage.gateway.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.inzage.contracts.ConsentRule;

/**
 * Keeps the projections small enough for every replica to hold all clients (issue 5: a million
 * clients and three million relationships in a 2 GiB heap; see BENCHMARKS.md). Events arrive as
 * JSON, so every field is a fresh String even where the value is one of a few thousand (status,
 * effect, kind, organisation URA and type, data category, UZI): those are replaced by the JVM's
 * shared instance ({@link String#intern}, which the garbage collector can still reclaim), and
 * Jackson's lists (room for ten) by immutable copies of their exact size. Values stay equal.
 */
final class Compact {

    private Compact() {
    }

    static String shared(String value) {
        return value == null ? null : value.intern();
    }

    static List<ConsentRule> rules(List<ConsentRule> rules) {
        if (rules == null) {
            return List.of();
        }
        List<ConsentRule> compact = new ArrayList<>(rules.size());
        for (ConsentRule rule : rules) {
            compact.add(rule == null ? null : new ConsentRule(shared(rule.effect()), shared(rule.organization()),
                    shared(rule.organizationType()), shared(rule.providerCategory()), categories(rule.dataCategories())));
        }
        return exact(compact);
    }

    private static List<String> categories(List<String> categories) {
        if (categories == null) {
            return null;
        }
        List<String> compact = new ArrayList<>(categories.size());
        for (String category : categories) {
            compact.add(shared(category));
        }
        return exact(compact);
    }

    /** List.copyOf refuses nulls: a list with a null element is kept whole rather than changed in meaning. */
    private static <T> List<T> exact(List<T> list) {
        return list.contains(null) ? Collections.unmodifiableList(list) : List.copyOf(list);
    }
}
