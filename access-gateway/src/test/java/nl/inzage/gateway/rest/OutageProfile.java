package nl.inzage.gateway.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A short staleness limit a tiny audit buffer and a short wait for audit acknowledgements, so a broker outage shows within seconds. */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "inzage.gateway.staleness-limit", "PT4S",
                "inzage.gateway.freshness-check-interval", "PT0.5S",
                "inzage.audit.buffer-size", "3",
                "inzage.audit.ack-timeout", "PT1S");
    }
}
