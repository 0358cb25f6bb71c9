package nl.inzage.gateway.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Settings of the web pages under {@code /web}. */
@ConfigMapping(prefix = "inzage.web")
public interface WebConfig {

    /** How long the portal waits for a change of the client's to hold at this gateway before it confirms the change. */
    @WithDefault("PT5S")
    Duration changeWait();

    /** The FHIR resource types the viewer searches at every permitted data holder. */
    @WithDefault("Observation,Condition,MedicationStatement,CarePlan")
    List<String> resourceTypes();

    /** Names of organisations by URA, for the pages; an organisation not listed is shown by its URA. */
    Map<String, Organization> organizations();

    interface Organization {
        String name();

        /** Organisation type code (G3, V4, K4, ...). */
        String type();
    }
}
