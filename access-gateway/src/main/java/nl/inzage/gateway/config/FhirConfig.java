package nl.inzage.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The data holders' FHIR endpoints and how their resources map onto data categories. */
@ConfigMapping(prefix = "inzage.fhir")
public interface FhirConfig {

    /** The registry: data holder URA → FHIR base URL, e.g. {@code inzage.fhir.holders."00000101"=https://fhir.example/r4}. */
    Map<String, String> holders();

    /** How long the viewer waits for all data holders together; a holder that has not answered by then is reported missing. */
    @WithDefault("PT3S")
    Duration budget();

    /**
     * Category of a resource without a data-category tag, by type and code:
     * {@code "Observation|http://loinc.org|882-1"} → {@code pregnancy}. Consulted before {@link #typeCategories()}.
     */
    Map<String, String> codeCategories();

    /** Category of a resource without a tag and without a mapped code, by type alone: {@code CarePlan} → {@code care-plan}. */
    Map<String, String> typeCategories();
}
