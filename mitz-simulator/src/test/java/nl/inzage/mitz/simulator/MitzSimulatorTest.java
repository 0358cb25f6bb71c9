package nl.inzage.mitz.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MitzSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private MitzSimulator mitz;
    private HttpServer hook;
    private final List<String> pushed = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        mitz = new MitzSimulator(0);
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                pushed.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                tokens.add(exchange.getRequestHeaders().getFirst("X-Mitz-Token"));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        mitz.close();
        hook.stop(0);
    }

    @Test
    void aDuplicateSubscriptionAnswers202WithTheExistingId() throws Exception {
        String body = subscription();
        HttpResponse<String> first = post("/Subscription", body);
        HttpResponse<String> second = post("/Subscription", body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(second.body()).path("id").asText()).isEqualTo(JSON.readTree(first.body()).path("id").asText());
        assertThat(mitz.subscriptions()).hasSize(1);
    }

    @Test
    void aSubscriptionWithoutReasonOtvIsRefused() throws Exception {
        HttpResponse<String> answer = post("/Subscription", subscription().replace("\"OTV\"", "\"other\""));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("OperationOutcome", "reason must be OTV");
    }

    @Test
    void aChoicePushesAnXmlNotificationWithTheSubscriptionsHeader() throws Exception {
        post("/Subscription", subscription());
        int delivered = mitz.choose(new MitzSimulator.Choice("c-1", "999993653", "00000201", "V4", false,
                List.of("RPZAC104", "RPZAC001"), "GGC002", Instant.now()));
        assertThat(delivered).isEqualTo(1);
        assertThat(tokens).containsExactly("local-development-mitz-token");
        assertThat(pushed.get(0)).contains("<Bundle xmlns=\"http://hl7.org/fhir\">", "<status value=\"inactive\"/>", "RPZAC104",
                "RPZAC001", "<value value=\"999993653\"/>", "http://hl7.org/fhir/v3/ActReason")
                .doesNotContain("<type value=\"permit\"/>");
    }

    @Test
    void theClosedQuestionFollowsTheChoiceAndTheRequestersCategory() throws Exception {
        String question = resource("closed-question.json");
        assertThat(permission(post("/Consent/$has-mitz-consent", question))).isEqualTo("notapplicable");
        mitz.choose(new MitzSimulator.Choice("c-2", "999993653", "00000201", "V4", true, List.of("RPZAC104"), "GGC002", Instant.now()));
        assertThat(permission(post("/Consent/$has-mitz-consent", question))).isEqualTo("permit");
        mitz.choose(new MitzSimulator.Choice("c-2", "999993653", "00000201", "V4", true, List.of("RPZAC001"), "GGC002", Instant.now()));
        assertThat(permission(post("/Consent/$has-mitz-consent", question))).isEqualTo("deny");
    }

    @Test
    void usageIsRecordedAndDownMeans503() throws Exception {
        assertThat(post("/AuditEvent", resource("usage-audit-event.json")).statusCode()).isEqualTo(201);
        assertThat(mitz.usage()).hasSize(1);
        mitz.setUp(false);
        assertThat(post("/AuditEvent", resource("usage-audit-event.json")).statusCode()).isEqualTo(503);
        assertThat(mitz.usage()).hasSize(1);
    }

    private String subscription() throws IOException {
        return resource("subscription.json").replace("http://127.0.0.1:8081/mitz/notifications",
                "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
    }

    private static String permission(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(answer.body());
        return outcome.path("issue").path(0).path("details").path("coding").path(0).path("code").asText();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(mitz.baseUrl() + path)).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MitzSimulatorTest.class.getResourceAsStream("/mitz/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
