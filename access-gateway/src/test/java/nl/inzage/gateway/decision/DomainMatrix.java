package nl.inzage.gateway.decision;

import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.DataCategories;

/** The role-by-category matrix exactly as DOMAIN.md tables it, written out independently of the configuration. */
public final class DomainMatrix {

    public static final Map<String, Set<String>> BY_ROLE = Map.of(
            "verloskundige", Set.of("pregnancy", "lab-results", "ultrasound", "medical-history", "psychosocial", "medication",
                    "delivery", "postpartum", "newborn", "care-plan"),
            "gynaecoloog", Set.of("pregnancy", "lab-results", "ultrasound", "medical-history", "psychosocial", "medication",
                    "delivery", "postpartum", "newborn", "care-plan"),
            "kinderarts", Set.of("pregnancy", "lab-results", "ultrasound", "medical-history", "medication",
                    "delivery", "postpartum", "newborn"),
            "huisarts", Set.of("pregnancy", "lab-results", "medical-history", "psychosocial", "medication",
                    "delivery", "postpartum", "newborn", "care-plan"),
            "kraamverzorgende", Set.of("pregnancy", "delivery", "postpartum", "newborn", "care-plan"),
            "jgz", Set.of("delivery", "postpartum", "newborn", "care-plan"));

    public static final RoleCategoryMatrix MATRIX = new RoleCategoryMatrix(BY_ROLE, Set.copyOf(DataCategories.ALL));

    private DomainMatrix() {
    }
}
