package nl.inzage.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The running ./dev up stack as the tests set it up: tokens from the demo realm and the writes a
 * source system or a client makes over the services' APIs (the pages themselves are driven in the browser).
 */
final class Stack {

    static final String GATEWAY = System.getProperty("inzage.gateway.url", "http://127.0.0.1:8080");
    static final String KEYCLOAK = System.getProperty("inzage.keycloak.url", "http://127.0.0.1:8180");
    static final String CONSENT = System.getProperty("inzage.consent.url", "http://127.0.0.1:8081");
    static final String RELATIONSHIP = System.getProperty("inzage.relationship.url", "http://127.0.0.1:8082");
    static final String SIMULATOR = System.getProperty("inzage.simulator.url", "http://127.0.0.1:8090");
    static final String DEMO_CLIENT = "999993653";
    static final String BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Stack() {
    }

    /** A user's token by the password grant of the demo realm's dev-cli client (password = user name). */
    static String userToken(String user) {
        return token("grant_type=password&client_id=dev-cli&username=" + user + "&password=" + user);
    }

    static String sourceToken(String ura) {
        return token("grant_type=client_credentials&client_id=source-" + ura + "&client_secret=source-" + ura + "-secret");
    }

    private static String token(String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(KEYCLOAK + "/realms/geboortezorg/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
        }
        return read(response.body()).path("access_token").asText();
    }

    /**
     * The first request to a freshly started JVM is slow (class loading, JIT, the first Kafka
     * produce); on a busy machine slow enough to exceed the gateway's time budgets. One request of
     * each kind before the browser starts, so the pages are tested, not the warm-up.
     */
    static void warmUp() {
        for (String ura : new String[] {"00000101", "00000201", "00000301"}) {
            for (String type : new String[] {"Observation", "Condition", "MedicationStatement", "CarePlan"}) {
                send(HttpRequest.newBuilder(URI.create(SIMULATOR + "/fhir/" + ura + "/" + type + "?patient.identifier="
                        + URLEncoder.encode(BSN_SYSTEM + "|" + DEMO_CLIENT, StandardCharsets.UTF_8))).GET().build());
            }
        }
        String token = userToken("verloskundige");
        for (String path : new String[] {"/viewer/patients/" + DEMO_CLIENT, "/viewer/patients/" + DEMO_CLIENT + "/fhir/Observation"}) {
            send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).GET().build());
        }
    }

    /** A BSN of the test range (9999…) passing the 11-test, new at each call. */
    static String freshBsn() {
        while (true) {
            String digits = "9999" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (digits.charAt(i) - '0');
            }
            int check = sum % 11;
            if (check < 10) {
                return digits + check;
            }
        }
    }

    /**
     * A new client as the demo organisations' source systems register her: the demo consents
     * (deploy/local/demo/consent-*.json) of the three organisations, for this BSN.
     */
    static void registerClientConsents(String bsn) {
        for (String ura : new String[] {"00000101", "00000201", "00000301"}) {
            String body;
            try {
                body = Files.readString(repository().resolve("deploy/local/demo/consent-" + ura + ".json")).replace(DEMO_CLIENT, bsn);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(CONSENT + "/fhir/Consent"))
                    .header("Authorization", "Bearer " + sourceToken(ura))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("consent of " + ura + " not registered: " + response.statusCode() + " " + response.body());
            }
        }
    }

    /**
     * The demo client's consents as ./dev up loads them: any she withdrew (here or in an earlier
     * run) is given again, as she can herself. The databases outlive runs; this makes the start known.
     */
    static void restoreDemoClientConsents() {
        String token = userToken("client");
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(CONSENT + "/fhir/Consent?patient:identifier="
                        + URLEncoder.encode(BSN_SYSTEM + "|" + DEMO_CLIENT, StandardCharsets.UTF_8) + "&_count=100"))
                .header("Authorization", "Bearer " + token).GET().build());
        if (found.statusCode() != 200) {
            throw new IllegalStateException("the demo client's consents: " + found.statusCode() + " " + found.body());
        }
        for (JsonNode entry : read(found.body()).path("entry")) {
            JsonNode consent = entry.path("resource");
            if (!"inactive".equals(consent.path("status").asText())) {
                continue;
            }
            ObjectNode active = consent.deepCopy();
            active.put("status", "active");
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(CONSENT + "/fhir/Consent/" + consent.path("id").asText()))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(active.toString())).build());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("consent not restored: " + put.statusCode() + " " + put.body());
            }
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout's root (tests/browser/../..). */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("deploy/local/demo"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("run inside the checkout: deploy/local/demo not found");
        }
        return here;
    }
}
