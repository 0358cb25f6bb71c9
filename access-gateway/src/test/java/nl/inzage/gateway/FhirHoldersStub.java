package nl.inzage.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Stands in for the data holders' FHIR endpoints: one WireMock server, one base path per holder URA. */
public class FhirHoldersStub implements QuarkusTestResourceLifecycleManager {

    public static final String[] HOLDERS = {"00000101", "00000201", "00000301", "00000401"};
    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Map<String, String> config = new java.util.HashMap<>();
        for (String holder : HOLDERS) {
            config.put("inzage.fhir.holders.\"" + holder + "\"", server.baseUrl() + "/fhir/" + holder);
        }
        config.put("inzage.fhir.budget", "PT2S");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }
}
