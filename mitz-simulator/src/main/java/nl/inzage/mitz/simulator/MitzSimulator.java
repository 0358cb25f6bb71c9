package nl.inzage.mitz.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Plays Mitz for tests and local development, in the draft FHIR shapes of DOMAIN.md:
 *
 * <ul>
 * <li>{@code POST /fhir/Subscription}: registers a patient (201; 202 with the existing id for the same criteria);
 * <li>{@code POST /fhir/Consent}: the Dossierhoudersknop, a data holder records a choice for its own organisation;
 * <li>{@code POST /fhir/Consent/$has-mitz-consent}: the closed question, answered with an OperationOutcome;
 * <li>{@code POST /fhir/AuditEvent}: a use of a Mitz consent, recorded;
 * <li>{@code /admin/...}: the test's hand on Mitz: set a choice (pushed as a notification Bundle to every
 * matching subscription's rest-hook), read what arrived, take Mitz down and up.
 * </ul>
 * Held in memory; a restart forgets everything. Not part of the product.
 */
public final class MitzSimulator implements AutoCloseable {

    static final String PERMISSION_RESPONSE = "http://vzvz.nl/fhir/otv/permission-response";
    static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn";
    static final String URA = "http://fhir.nl/fhir/NamingSystem/ura";
    static final String ORGANIZATION_TYPE = "http://nictiz.nl/fhir/NamingSystem/organization-type";
    static final String UZI = "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers";

    /** Which consulting-provider category an organisation type falls in (the types birth care uses). */
    static final Map<String, String> PROVIDER_CATEGORIES = Map.of("Z3", "RPZAC001", "K4", "RPZAC004", "JGZ", "RPZAC103",
            "V4", "RPZAC104");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client's choice at Mitz for one data holder. */
    public record Choice(String id, String bsn, String holderUra, String holderType, boolean permit,
            List<String> providerCategories, String dataCategory, Instant dateTime) {
    }

    /** A registration; {@code header} is what the rest-hook wants on every notification (channel.header). */
    public record Subscription(String id, String criteria, String bsn, String providerId, String providerType, String endpoint,
            List<String> headers) {
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Choice> choices = new ConcurrentHashMap<>();
    private final List<JsonNode> usage = new CopyOnWriteArrayList<>();
    private final List<JsonNode> closedQuestions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> recordedConsents = new CopyOnWriteArrayList<>();
    private final List<String> pushFailures = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;

    public MitzSimulator(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fhir/", this::fhir);
        server.createContext("/admin/", this::admin);
        server.createContext("/q/health", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.start();
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("QUARKUS_HTTP_PORT",
                System.getenv().getOrDefault("MITZ_SIMULATOR_PORT", "8095")));
        new MitzSimulator(port);
        System.out.println("mitz-simulator listening on http://127.0.0.1:" + port + " (FHIR base /fhir, test API /admin)");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/fhir";
    }

    /** Down: every FHIR call answers 503, and nothing is pushed. */
    public void setUp(boolean up) {
        this.up = up;
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    public List<JsonNode> usage() {
        return List.copyOf(usage);
    }

    public List<JsonNode> closedQuestions() {
        return List.copyOf(closedQuestions);
    }

    public List<JsonNode> recordedConsents() {
        return List.copyOf(recordedConsents);
    }

    /**
     * Sets (or replaces) the client's choice for a data holder and pushes it to every subscription
     * for that client and holder; the number of rest-hooks that took it (2xx).
     */
    public int choose(Choice choice) {
        synchronized (choices) {
            choices.put(choice.bsn() + "|" + choice.holderUra(), choice);
        }
        return push(choice);
    }

    /** Pushes a choice's notification again (a duplicate, or an old one after a newer: out of order). */
    public int push(Choice choice) {
        if (!up) {
            return 0;
        }
        int delivered = 0;
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.bsn().equals(choice.bsn()) && subscription.providerId().equals(choice.holderUra())) {
                if (deliver(subscription, NotificationBundles.xml(choice))) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private boolean deliver(Subscription subscription, String bundle) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/fhir+xml")
                .POST(HttpRequest.BodyPublishers.ofString(bundle));
        for (String header : subscription.headers()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                pushFailures.add(response.statusCode() + " " + response.body());
                return false;
            }
            return true;
        } catch (IOException | InterruptedException e) {
            pushFailures.add(e.toString());
            return false;
        }
    }

    // --- FHIR side ---

    private void fhir(HttpExchange exchange) throws IOException {
        try (exchange) {
            fhirCall(exchange);
        }
    }

    private void fhirCall(HttpExchange exchange) throws IOException {
        try {
            if (!up) {
                respond(exchange, 503, "application/fhir+json", outcome("error", "transient", null, "Mitz is down (simulated)"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "application/fhir+json", outcome("error", "not-supported", null, "POST only"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(read(exchange));
            } catch (IOException e) {
                respond(exchange, 400, "application/fhir+json", outcome("error", "structure", null, "not JSON: " + e.getMessage()));
                return;
            }
            switch (path) {
                case "/fhir/Subscription" -> subscribe(exchange, body);
                case "/fhir/Consent" -> recordConsent(exchange, body);
                case "/fhir/Consent/$has-mitz-consent" -> closedQuestion(exchange, body);
                case "/fhir/AuditEvent" -> recordUsage(exchange, body);
                default -> respond(exchange, 404, "application/fhir+json", outcome("error", "not-found", null, "no such operation " + path));
            }
        } catch (RuntimeException e) {
            respond(exchange, 400, "application/fhir+json", outcome("error", "invalid", null, e.getMessage()));
        }
    }

    private void subscribe(HttpExchange exchange, JsonNode body) throws IOException {
        require("Subscription".equals(body.path("resourceType").asText()), "resourceType must be Subscription");
        require("requested".equals(body.path("status").asText()), "Subscription.status must be requested");
        require("OTV".equals(body.path("reason").asText()), "Subscription.reason must be OTV");
        require("rest-hook".equals(body.path("channel").path("type").asText()), "Subscription.channel.type must be rest-hook");
        String endpoint = body.path("channel").path("endpoint").asText("");
        require(endpoint.startsWith("http"), "Subscription.channel.endpoint is required");
        String criteria = body.path("criteria").asText("");
        require(criteria.startsWith("Consent?_query=otv&"), "Subscription.criteria must be Consent?_query=otv&patientid=..&providerid=..&providertype=..");
        Map<String, String> parameters = new ConcurrentHashMap<>();
        for (String pair : criteria.substring("Consent?".length()).split("&")) {
            String[] kv = pair.split("=", 2);
            require(kv.length == 2, "criteria parameter without value: " + pair);
            parameters.put(kv[0], kv[1]);
        }
        String bsn = parameters.get("patientid");
        String provider = parameters.get("providerid");
        require(bsn != null && bsn.matches("[0-9]{9}"), "criteria patientid must be a BSN");
        require(provider != null && provider.matches("[0-9]{8}"), "criteria providerid must be a URA");
        require(parameters.get("providertype") != null, "criteria providertype is required");
        Optional<Subscription> existing = subscriptions.values().stream().filter(s -> s.criteria().equals(criteria)).findFirst();
        if (existing.isPresent()) {
            respond(exchange, 202, "application/fhir+json", subscriptionJson(existing.get(), body));
            return;
        }
        List<String> headers = new ArrayList<>();
        body.path("channel").path("header").forEach(h -> headers.add(h.asText()));
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), criteria, bsn, provider,
                parameters.get("providertype"), endpoint, List.copyOf(headers));
        // A client who already had a choice for this holder when she was subscribed: Mitz sends it
        // right away. Read before answering, so a choice made after the answer is pushed once, by choose.
        Choice known;
        synchronized (choices) { // with choose: a concurrent choice is pushed at least once, never missed
            known = choices.get(bsn + "|" + provider);
            subscriptions.put(subscription.id(), subscription);
        }
        exchange.getResponseHeaders().add("Location", baseUrl() + "/Subscription/" + subscription.id());
        respond(exchange, 201, "application/fhir+json", subscriptionJson(subscription, body));
        if (known != null) {
            deliver(subscription, NotificationBundles.xml(known));
        }
    }

    private static String subscriptionJson(Subscription subscription, JsonNode request) {
        ObjectNode answer = request.deepCopy();
        answer.put("id", subscription.id());
        answer.put("status", "active");
        return answer.toString();
    }

    /** The Dossierhoudersknop: the holder records, with the client, her choice for its own organisation. */
    private void recordConsent(HttpExchange exchange, JsonNode body) throws IOException {
        require("Consent".equals(body.path("resourceType").asText()), "resourceType must be Consent");
        String bsn = identifier(body.path("patient"), BSN);
        String holder = identifier(body.path("organization").path(0), URA);
        require(bsn != null, "Consent.patient.identifier must be a BSN");
        require(holder != null, "Consent.organization[0].identifier must be a URA");
        String status = body.path("status").asText();
        boolean permit = "active".equals(status) && "permit".equals(body.path("provision").path("type").asText("permit"));
        recordedConsents.add(body);
        String id = UUID.randomUUID().toString();
        Choice choice = new Choice(id, bsn, holder, null, permit, List.copyOf(PROVIDER_CATEGORIES.values()), "GGC002", Instant.now());
        synchronized (choices) {
            choices.put(bsn + "|" + holder, choice);
        }
        ObjectNode answer = body.deepCopy();
        answer.put("id", id);
        respond(exchange, 201, "application/fhir+json", answer.toString());
        push(choice);
    }

    /**
     * The closed question: permit when the client's choice for this holder is a permit that covers
     * the requester's provider category; deny for a refusal or a category it does not cover; no choice:
     * not-applicable.
     */
    private void closedQuestion(HttpExchange exchange, JsonNode body) throws IOException {
        require("Parameters".equals(body.path("resourceType").asText()), "resourceType must be Parameters");
        JsonNode consent = null;
        for (JsonNode parameter : body.path("parameter")) {
            if ("consent".equals(parameter.path("name").asText())) {
                consent = parameter.path("resource");
            }
        }
        require(consent != null && "Consent".equals(consent.path("resourceType").asText()), "parameter 'consent' with a Consent is required");
        require("proposed".equals(consent.path("status").asText()), "the Consent asked about must have status proposed");
        String bsn = identifier(consent.path("patient"), BSN);
        require(bsn != null, "Consent.patient.identifier must be a BSN");
        String holder = null;
        String requesterType = null;
        String requesterUzi = null;
        for (JsonNode actor : consent.path("provision").path("actor")) {
            String role = actor.path("role").path("coding").path(0).path("code").asText();
            JsonNode identifier = actor.path("reference").path("identifier");
            if ("CST".equals(role) && URA.equals(identifier.path("system").asText())) {
                holder = identifier.path("value").asText();
            } else if ("PROV".equals(role) && ORGANIZATION_TYPE.equals(identifier.path("system").asText())) {
                requesterType = identifier.path("value").asText();
            } else if ("PRCP".equals(role) && UZI.equals(identifier.path("system").asText())) {
                requesterUzi = identifier.path("value").asText();
            }
        }
        require(holder != null, "provision.actor with role CST and a URA (the data holder) is required");
        require(requesterType != null, "provision.actor with role PROV and an organisation type (the requester's) is required");
        require(requesterUzi != null, "provision.actor with role PRCP and a UZI number (the requester) is required");
        closedQuestions.add(consent);
        Choice choice = choices.get(bsn + "|" + holder);
        String answer;
        if (choice == null) {
            answer = "notapplicable";
        } else {
            boolean covered = choice.providerCategories().contains(PROVIDER_CATEGORIES.get(requesterType));
            answer = choice.permit() && covered ? "permit" : "deny";
        }
        respond(exchange, 200, "application/fhir+json", outcome("information", "informational", answer, "closed question: " + answer));
    }

    private void recordUsage(HttpExchange exchange, JsonNode body) throws IOException {
        require("AuditEvent".equals(body.path("resourceType").asText()), "resourceType must be AuditEvent");
        require(body.path("recorded").isTextual(), "AuditEvent.recorded is required");
        require(body.path("agent").isArray() && !body.path("agent").isEmpty(), "AuditEvent.agent is required");
        require(body.path("entity").isArray() && !body.path("entity").isEmpty(), "AuditEvent.entity is required");
        usage.add(body);
        ObjectNode answer = body.deepCopy();
        answer.put("id", UUID.randomUUID().toString());
        respond(exchange, 201, "application/fhir+json", answer.toString());
    }

    // --- the test's hand: /admin ---

    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            adminCall(exchange);
        }
    }

    private void adminCall(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (method + " " + path) {
                case "PUT /admin/choices" -> {
                    JsonNode body = JSON.readTree(read(exchange));
                    List<String> categories = new ArrayList<>();
                    body.path("providerCategories").forEach(c -> categories.add(c.asText()));
                    Choice choice = new Choice(body.path("id").asText(UUID.randomUUID().toString()), text(body, "bsn"),
                            text(body, "holderUra"), body.path("holderType").asText(null), body.path("permit").asBoolean(),
                            categories.isEmpty() ? List.copyOf(PROVIDER_CATEGORIES.values()) : List.copyOf(categories),
                            body.path("dataCategory").asText("GGC002"), Instant.now());
                    int pushed = choose(choice);
                    respond(exchange, 200, "application/json", JSON.createObjectNode().put("id", choice.id()).put("pushed", pushed).toString());
                }
                case "GET /admin/subscriptions" -> respond(exchange, 200, "application/json", JSON.valueToTree(subscriptions()).toString());
                case "GET /admin/usage" -> respond(exchange, 200, "application/json", array(usage));
                case "GET /admin/closed-questions" -> respond(exchange, 200, "application/json", array(closedQuestions));
                case "GET /admin/consents" -> respond(exchange, 200, "application/json", array(recordedConsents));
                case "POST /admin/down" -> {
                    up = false;
                    respond(exchange, 204, null, null);
                }
                case "POST /admin/up" -> {
                    up = true;
                    respond(exchange, 204, null, null);
                }
                default -> respond(exchange, 404, "application/json", "{\"error\":\"no such admin call\"}");
            }
        } catch (RuntimeException e) {
            respond(exchange, 400, "application/json", JSON.createObjectNode().put("error", String.valueOf(e.getMessage())).toString());
        }
    }

    private static String array(List<JsonNode> nodes) {
        ArrayNode array = JSON.createArrayNode();
        nodes.forEach(array::add);
        return array.toString();
    }

    private static String text(JsonNode body, String field) {
        String value = body.path(field).asText(null);
        require(value != null && !value.isBlank(), field + " is required");
        return value;
    }

    private static String identifier(JsonNode reference, String system) {
        JsonNode identifier = reference.path("identifier");
        return system.equals(identifier.path("system").asText()) && identifier.path("value").isTextual()
                ? identifier.path("value").asText() : null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static String outcome(String severity, String code, String permission, String diagnostics) {
        ObjectNode issue = JSON.createObjectNode().put("severity", severity).put("code", code);
        if (permission != null) {
            issue.putObject("details").putArray("coding").addObject().put("system", PERMISSION_RESPONSE).put("code", permission);
        }
        issue.put("diagnostics", diagnostics);
        ObjectNode outcome = JSON.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue").add(issue);
        return outcome.toString();
    }

    private static String read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
