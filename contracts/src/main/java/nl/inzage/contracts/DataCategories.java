package nl.inzage.contracts;

import java.util.List;

/** The product's data categories (DOMAIN.md) and the code system that carries them in FHIR. */
public final class DataCategories {

    public static final String SYSTEM = "http://inzage.nl/fhir/CodeSystem/data-category";

    public static final List<String> ALL = List.of(
            "pregnancy", "lab-results", "ultrasound", "medical-history", "psychosocial",
            "medication", "delivery", "postpartum", "newborn", "care-plan");

    private DataCategories() {
    }
}
