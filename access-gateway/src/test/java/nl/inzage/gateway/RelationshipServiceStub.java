package nl.inzage.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Stands in for the services the gateway calls with its service account (relationship-service's
 * access requests, consent-service's Mitz closed question) and for Keycloak's token endpoint of that
 * account: one WireMock server in the test JVM. Tests stub the answers per case.
 */
public class RelationshipServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "gateway-service-token";
    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        return Map.of(
                "quarkus.rest-client.relationship-service.url", server.baseUrl(),
                "quarkus.rest-client.consent-service.url", server.baseUrl(),
                "quarkus.oidc-client.auth-server-url", server.baseUrl(),
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", "/token");
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
