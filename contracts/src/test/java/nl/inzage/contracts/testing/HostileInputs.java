package nl.inzage.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table-driven hostile-input suite over every operation a service's OpenAPI document lists: forged tokens,
 * hostile path and query values, broken bodies. Each request must be refused with the status its class calls for
 * (never a 5xx, never a stack trace), and a refused request must leave the service's store as it was.
 *
 * <p>The operations come from the running service's own {@code /q/openapi}, so an endpoint added later is covered
 * without touching the test. What the service must say about each class is in {@link Case}'s expected statuses.
 */
public final class HostileInputs {

    /** One operation from the OpenAPI document. */
    public record Operation(String method, String path, List<String> pathParams, List<String> queryParams,
            List<String> consumes) {

        public boolean hasBody() {
            return (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) && !consumes.isEmpty();
        }

        public String name() {
            return method + " " + path;
        }
    }

    /** One request to send and what must come back. */
    record Case(String inputClass, String label, String method, String pathAndQuery, String authorization,
            String contentType, byte[] body, Set<Integer> expected, boolean mayBeAccepted) {
    }

    /** A request that was answered otherwise than its class calls for. */
    public record Failure(String operation, String inputClass, String label, int status, String detail) {
        @Override
        public String toString() {
            return operation + " [" + inputClass + ": " + label + "] -> " + status + " " + detail;
        }
    }

    public static final Set<Integer> UNAUTHORIZED = Set.of(401);
    // 405: an operation refused to everyone (DELETE of a consent); 414: a request line over the HTTP layer's limit.
    static final Set<Integer> REFUSED_ID = Set.of(400, 403, 404, 405, 414);
    static final Set<Integer> REFUSED_QUERY = Set.of(400, 403, 404, 405, 414, 422);
    static final Set<Integer> REFUSED_BODY = Set.of(400, 403, 404, 409, 422);

    /** Values that must never be taken for an identifier: path segments are sent as given (already encoded). */
    static final Map<String, String> HOSTILE_PATH_VALUES = linked(
            "path traversal", "..%2F..%2F..%2Fetc%2Fpasswd",
            "path traversal (double encoded)", "%252e%252e%252fetc%252fpasswd",
            "SQL injection", enc("1' OR '1'='1"),
            "SQL injection (stacked)", enc("1; DROP TABLE consent;--"),
            "script injection", enc("<script>alert(1)</script>"),
            "Unicode: full-width digits", enc("９９９９９３６５３"),
            "Unicode: Arabic-Indic digits", enc("٩٩٩٩٩٣٦٥٣"),
            "Unicode: zero-width space", enc("999993653\u200B"),
            "Unicode: right-to-left override", enc("\u202E999993653"),
            "Unicode: NUL byte", "999993653%00",
            "Unicode: lone surrogate bytes", "%ED%A0%80",
            "invalid BSN (11-test)", "123456789",
            "invalid identifier: negative", "-1",
            "invalid identifier: huge number", "99999999999999999999999999",
            "invalid identifier: 5000 characters", "x".repeat(5000));

    /** Query values (encoded here). */
    static final Map<String, String> HOSTILE_QUERY_VALUES = linked(
            "SQL injection", "1' OR '1'='1",
            "SQL injection (stacked)", "1; DROP TABLE consent;--",
            "script injection", "<script>alert(1)</script>",
            "path traversal", "../../../etc/passwd",
            "Unicode: full-width digits", "９９９９９３６５３",
            "Unicode: zero-width space", "999993653\u200B",
            "Unicode: right-to-left override", "\u202E999993653",
            "Unicode: NUL", "999993653\u0000",
            "invalid BSN (11-test)", "123456789",
            "invalid URA", "1234567",
            "invalid UZI", "90000010X",
            "5000 characters", "9".repeat(5000));

    /** Written into each string member of a valid body in turn: free text may hold them, an identifier may not. */
    static final List<String> HOSTILE_MEMBER_VALUES = List.of("SQL injection", "script injection",
            "Unicode: right-to-left override", "Unicode: NUL", "invalid BSN (11-test)");

    /** Paging and size parameters, by their usual names. */
    static final Pattern PAGING = Pattern.compile("_?(count|offset|page|size|limit|max|_?page-?size)", Pattern.CASE_INSENSITIVE);
    static final Map<String, String> HOSTILE_PAGING_VALUES = linked(
            "huge _count", "100000000",
            "beyond int", "2147483648",
            "negative paging", "-1",
            "not a number", "ten");

    static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "\tat ", "at nl.inzage.", "org.hibernate",
            "io.vertx.", "java.lang.", "SQLSTATE", "PSQLException");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Function<Operation, String> token = op -> null;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, String> queryValues = new LinkedHashMap<>();
    private final Map<String, Predicate<String>> queryAdmits = new LinkedHashMap<>();
    private Function<Operation, String> validBody = op -> null;
    private Function<Operation, String> validContentType = op -> op.consumes().isEmpty() ? "application/json" : op.consumes().get(0);
    private Supplier<Object> state = () -> "no state check";
    private Function<Operation, Boolean> skip = op -> false;
    private boolean strictUnknownElements = false;
    private Function<Operation, Boolean> bodyCases = op -> true;
    private CapturedLogs logs;
    private Function<Operation, List<String>> wrongRoles = op -> List.of();
    private final List<String> secrets = new ArrayList<>();
    private final java.util.Set<String> tokensSent = new java.util.LinkedHashSet<>();
    private int refusalsExpected;

    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Map<Integer, Integer>> statusesByClass = new TreeMap<>();
    private final Map<String, Integer> triedByOperation = new TreeMap<>();
    private int tried;
    private int accepted;
    private final Map<String, Integer> acceptedAsData = new TreeMap<>();

    private HostileInputs(String service, URI base) {
        this.service = service;
        this.base = base;
    }

    public static HostileInputs of(String service, URI base) {
        return new HostileInputs(service, base);
    }

    /** A token the operation admits (without "Bearer "); null for a public operation. */
    public HostileInputs token(Function<Operation, String> token) {
        this.token = token;
        return this;
    }

    /** Valid tokens of roles the operation does not admit (or of another organisation or client): each must get 403. */
    public HostileInputs wrongRoles(Function<Operation, List<String>> tokens) {
        this.wrongRoles = tokens;
        return this;
    }

    /** A valid value for a path parameter, used while another part of the request is the hostile one. */
    public HostileInputs pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** A valid value for a query parameter, sent along while another one is hostile. */
    public HostileInputs queryValue(String name, String value) {
        queryValues.put(name, value);
        return this;
    }

    /**
     * What a query parameter's own identifier rule admits (e.g. a UZI number: nine digits). A hostile value that
     * happens to satisfy it (the "invalid BSN" 123456789 is a well-formed UZI number) is a legitimate value for that
     * parameter, not a hostile one: it may be answered 2xx (counted as accepted as data); any other answer is still
     * judged as usual.
     */
    public HostileInputs queryAdmits(String name, Predicate<String> valid) {
        queryAdmits.put(name, valid);
        return this;
    }

    /** A body the operation would accept (the base that the body cases break); null when it takes none. */
    public HostileInputs validBody(Function<Operation, String> body) {
        this.validBody = body;
        return this;
    }

    public HostileInputs validContentType(Function<Operation, String> contentType) {
        this.validContentType = contentType;
        return this;
    }

    /** A snapshot of everything the service stores (counts, store revision, outbox): a refusal must not change it. */
    public HostileInputs state(Supplier<Object> state) {
        this.state = state;
        return this;
    }

    public HostileInputs skip(Function<Operation, Boolean> skip) {
        this.skip = skip;
        return this;
    }

    /** Whether the body cases apply (an upload validated later by a job, with a report, answers 202 to any bytes). */
    public HostileInputs bodyCases(Function<Operation, Boolean> bodyCases) {
        this.bodyCases = bodyCases;
        return this;
    }

    /**
     * The service's log while the suite runs: every forged-token refusal must add a refusal line, and no line may
     * hold a token sent or one of the secrets (the BSNs the suite uses).
     */
    public HostileInputs logs(CapturedLogs logs, String... secrets) {
        this.logs = logs;
        this.secrets.addAll(List.of(secrets));
        return this;
    }

    /** Unknown elements in a body must be refused (FHIR resources); otherwise they may be ignored. */
    public HostileInputs strictUnknownElements() {
        this.strictUnknownElements = true;
        return this;
    }

    /** The service's operations, from its OpenAPI document (without Quarkus' own /q endpoints). */
    public List<Operation> operations() {
        JsonNode doc;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            doc = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                method.getValue().path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    String in = parameter.path("in").asText();
                    String name = parameter.path("name").asText();
                    if (in.equals("path") && !pathParams.contains(name)) {
                        pathParams.add(name);
                    } else if (in.equals("query") && !queryParams.contains(name)) {
                        queryParams.add(name);
                    }
                }
                Matcher templated = Pattern.compile("\\{([^}/]+)}").matcher(path.getKey());
                while (templated.find()) {
                    if (!pathParams.contains(templated.group(1))) {
                        pathParams.add(templated.group(1));
                    }
                }
                List<String> consumes = new ArrayList<>();
                method.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(consumes::add);
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), pathParams, queryParams, consumes));
            }
        }
        return operations;
    }

    /** Sends every case to every operation; the failures, and the numbers in target/reliability/hostile-input-SERVICE.json. */
    public List<Failure> run() {
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            throw new IllegalStateException(service + ": the OpenAPI document lists no operation");
        }
        for (Operation operation : operations) {
            if (skip.apply(operation)) {
                continue;
            }
            for (Case c : cases(operation)) {
                send(operation, c);
            }
        }
        checkLogs();
        writeReport(operations);
        return failures;
    }

    List<Case> cases(Operation op) {
        List<Case> cases = new ArrayList<>();
        String admitted = token.apply(op);
        String auth = admitted == null ? null : "Bearer " + admitted;
        String body = op.hasBody() ? Objects.requireNonNullElse(validBody.apply(op), "{}") : null;
        String type = op.hasBody() ? validContentType.apply(op) : null;
        byte[] bodyBytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);

        if (admitted != null) {
            ForgedTokens.from(admitted).forEach((label, header) -> cases.add(new Case("token", label, op.method(),
                    target(op, null, null, null, null), header, type, bodyBytes, UNAUTHORIZED, false)));
        }
        int n = 0;
        for (String wrong : wrongRoles.apply(op)) {
            cases.add(new Case("wrong role", "valid token the operation does not admit #" + (++n), op.method(),
                    target(op, null, null, null, null), "Bearer " + wrong, type, bodyBytes, Set.of(403), false));
        }
        for (String param : op.pathParams()) {
            HOSTILE_PATH_VALUES.forEach((label, value) -> cases.add(new Case(classOf(label), label + " in {" + param + "}",
                    op.method(), target(op, param, value, null, null), auth, type, bodyBytes, REFUSED_ID, false)));
        }
        for (String param : op.queryParams()) {
            Map<String, String> values = PAGING.matcher(param).matches() ? HOSTILE_PAGING_VALUES : HOSTILE_QUERY_VALUES;
            values.forEach((label, value) -> cases.add(new Case(PAGING.matcher(param).matches() ? "paging" : classOf(label),
                    label + " in ?" + param, op.method(), target(op, null, null, param, value), auth, type, bodyBytes,
                    REFUSED_QUERY, queryAdmits.containsKey(param) && queryAdmits.get(param).test(value))));
        }
        if (op.hasBody() && bodyCases.apply(op)) {
            String url = target(op, null, null, null, null);
            brokenBodies(body).forEach((label, broken) -> cases.add(new Case(broken.inputClass, label, op.method(), url, auth,
                    type, broken.bytes, broken.inputClass.equals("oversized body") ? Set.of(413) : REFUSED_BODY, false)));
            cases.add(new Case("wrong content type", "text/plain", op.method(), url, auth, "text/plain", bodyBytes, Set.of(415), false));
            cases.add(new Case("wrong content type", "application/xml", op.method(), url, auth, "application/xml",
                    "<Consent xmlns=\"http://hl7.org/fhir\"/>".getBytes(StandardCharsets.UTF_8), Set.of(415), false));
            cases.add(new Case("wrong content type", "multipart/form-data", op.method(), url, auth,
                    "multipart/form-data; boundary=x", "--x\r\n\r\n--x--".getBytes(StandardCharsets.UTF_8), Set.of(415), false));
            JsonNode valid = readOrNull(body);
            if (valid instanceof ObjectNode object && object.size() > 0) {
                ObjectNode unknown = object.deepCopy();
                unknown.put("favouriteColour", "blue");
                cases.add(new Case("unknown elements", "unknown top-level element", op.method(), url, auth, type,
                        bytes(unknown), REFUSED_BODY, !strictUnknownElements));
                for (String leaf : stringLeaves(object, "")) {
                    for (String hostile : HOSTILE_MEMBER_VALUES) {
                        ObjectNode changed = object.deepCopy();
                        setLeaf(changed, leaf, HOSTILE_QUERY_VALUES.get(hostile));
                        // Free text may legitimately hold any of these, stored as text; an identifier may not.
                        cases.add(new Case(classOf(hostile), hostile + " in " + leaf, op.method(), url,
                                auth, type, bytes(changed), REFUSED_BODY, true));
                    }
                }
            }
        }
        return cases;
    }

    private record Broken(String inputClass, byte[] bytes) {
    }

    private static Map<String, Broken> brokenBodies(String valid) {
        Map<String, Broken> cases = new LinkedHashMap<>();
        cases.put("truncated JSON", new Broken("malformed JSON", utf8(valid.substring(0, Math.max(1, valid.length() / 2)))));
        cases.put("single quotes", new Broken("malformed JSON", utf8("{'resourceType':'Consent'}")));
        cases.put("trailing garbage", new Broken("malformed JSON", utf8(valid + "}}")));
        cases.put("empty body", new Broken("malformed JSON", new byte[0]));
        cases.put("JSON null", new Broken("malformed JSON", utf8("null")));
        cases.put("JSON array", new Broken("malformed JSON", utf8("[]")));
        cases.put("JSON string", new Broken("malformed JSON", utf8("\"Consent\"")));
        cases.put("JSON number", new Broken("malformed JSON", utf8("42")));
        cases.put("BOM and garbage", new Broken("malformed JSON", utf8("\uFEFF\u0000\u0001{")));
        cases.put("invalid UTF-8", new Broken("Unicode tricks", concat(utf8("{\"reason\":\""), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, utf8("\"}"))));
        cases.put("nested arrays depth 10000", new Broken("deeply nested JSON", utf8("[".repeat(10_000) + "]".repeat(10_000))));
        cases.put("nested objects depth 10000", new Broken("deeply nested JSON", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))));
        cases.put("unclosed nesting depth 100000", new Broken("deeply nested JSON", utf8("[".repeat(100_000))));
        cases.put("3 MiB string", new Broken("oversized body", utf8("{\"resourceType\":\"Consent\",\"x\":\"" + "a".repeat(3 << 20) + "\"}")));
        return cases;
    }

    private void checkLogs() {
        if (logs == null) {
            return;
        }
        for (String line : logs.lines()) {
            for (String token : tokensSent) {
                String[] parts = token.split("\\.");
                String signature = parts.length == 3 && parts[2].length() > 16 ? parts[2] : token;
                if (line.contains(token) || line.contains(signature)) {
                    failures.add(new Failure("log", "privacy", "token in the log", 0, abbreviate(line)));
                }
            }
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    failures.add(new Failure("log", "privacy", "BSN in the log", 0, abbreviate(line)));
                }
            }
        }
    }

    private void send(Operation op, Case c) {
        if (c.authorization() != null && c.authorization().startsWith("Bearer ") && c.authorization().length() > 40) {
            tokensSent.add(c.authorization().substring(7));
        }
        int refusalsBefore = logs == null ? 0 : logs.refusals();
        boolean mutating = !op.method().equals("GET");
        Object before = mutating ? state.get() : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(c.pathAndQuery())).timeout(Duration.ofSeconds(30));
        if (c.authorization() != null) {
            request.header("Authorization", c.authorization());
        }
        if (c.body() != null) {
            request.header("Content-Type", c.contentType());
            request.method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        } else {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        }
        int status;
        String answer;
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException closed) {
                // The server closes a connection after some refusals (e.g. 414); a request the client
                // already sent on it is lost in between. Once more on a connection of its own: a
                // service that really answers nothing fails again.
                response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                        .build().send(built, HttpResponse.BodyHandlers.ofString());
            }
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            // A connection reset is what a client sees of an unread oversized body: record it, not a 5xx, but note it.
            status = -1;
            answer = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        tried++;
        triedByOperation.merge(op.name(), 1, Integer::sum);
        statusesByClass.computeIfAbsent(c.inputClass(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        boolean ok2xx = status >= 200 && status < 300;
        if (ok2xx && c.mayBeAccepted()) {
            accepted++;
            acceptedAsData.merge(op.name() + " " + c.label().replaceFirst("^.* in ", ""), 1, Integer::sum);
            return;
        }
        if (!c.expected().contains(status)) {
            failures.add(new Failure(op.name(), c.inputClass(), c.label(), status, abbreviate(answer)));
            return;
        }
        for (String marker : STACK_TRACE_MARKERS) {
            if (answer != null && answer.contains(marker)) {
                failures.add(new Failure(op.name(), c.inputClass(), c.label(), status, "answer shows internals (" + marker + "): " + abbreviate(answer)));
                return;
            }
        }
        if (EXPLAINED.contains(status) && !c.inputClass().equals("token") && !c.inputClass().equals("wrong role")
                && !explains(answer)) {
            failures.add(new Failure(op.name(), c.inputClass(), c.label(), status,
                    "refused without a problem body or OperationOutcome: " + abbreviate(answer)));
            return;
        }
        if (c.authorization() != null && c.authorization().length() > 20 && answer != null
                && answer.contains(c.authorization().substring(7))) {
            failures.add(new Failure(op.name(), c.inputClass(), c.label(), status, "answer echoes the token"));
            return;
        }
        if (logs != null && (c.inputClass().equals("token") || c.inputClass().equals("wrong role")) && !refusalLogged(refusalsBefore)) {
            failures.add(new Failure(op.name(), c.inputClass(), c.label(), status, "refused without a refusal log line"));
        }
        if (mutating) {
            Object after = state.get();
            if (!Objects.equals(before, after)) {
                failures.add(new Failure(op.name(), c.inputClass(), c.label(), status, "refused, yet the store changed: " + before + " -> " + after));
            }
        }
    }

    /**
     * Refusals of what the caller sent must say what was wrong: a problem body (RFC 9457) or a FHIR OperationOutcome.
     * Not the security layer's 401 and 403 (an empty body and WWW-Authenticate are its standard answer), nor the
     * HTTP layer's 414 (the request line was never read as a request).
     */
    private static final Set<Integer> EXPLAINED = Set.of(400, 409, 413, 415, 422);

    private static boolean explains(String answer) {
        JsonNode body = readOrNull(answer);
        return body != null && ("OperationOutcome".equals(body.path("resourceType").asText())
                || (body.path("status").isInt() && body.hasNonNull("title")));
    }

    private boolean refusalLogged(int before) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (logs.refusals() <= before && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return logs.refusals() > before;
    }

    private String target(Operation op, String hostileParam, String hostileValue, String hostileQuery, String hostileQueryValue) {
        String path = op.path();
        for (String param : op.pathParams()) {
            String value = param.equals(hostileParam) ? hostileValue : pathValues.getOrDefault(param, "00000000-0000-0000-0000-000000000000");
            path = path.replace("{" + param + "}", value);
        }
        StringBuilder query = new StringBuilder();
        for (String param : op.queryParams()) {
            String value = param.equals(hostileQuery) ? hostileQueryValue : queryValues.get(param);
            if (value != null) {
                query.append(query.isEmpty() ? "?" : "&").append(enc(param)).append('=').append(enc(value));
            }
        }
        return path + query;
    }

    private void writeReport(List<Operation> operations) {
        ObjectNode report = JSON.createObjectNode();
        report.put("service", service);
        report.put("operations", operations.size());
        report.put("tried", tried);
        report.put("acceptedAsData", accepted);
        report.put("failures", failures.size());
        if (logs != null) {
            report.put("refusalLogLines", logs.refusals());
            report.put("logLinesChecked", logs.lines().size());
            ArrayNode sample = report.putArray("refusalLogSample");
            logs.refusalLines().stream().limit(5).forEach(sample::add);
        }
        Map<Integer, Integer> totals = new TreeMap<>();
        statusesByClass.values().forEach(m -> m.forEach((s, n) -> totals.merge(s, n, Integer::sum)));
        report.put("status5xx", totals.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum());
        report.set("statuses", JSON.valueToTree(totals));
        report.set("statusesByClass", JSON.valueToTree(statusesByClass));
        report.set("triedByOperation", JSON.valueToTree(triedByOperation));
        report.set("acceptedAsDataByMember", JSON.valueToTree(acceptedAsData));
        ArrayNode list = report.putArray("failureList");
        failures.forEach(f -> list.add(f.toString()));
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hostile-input-" + service + ".json").toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int tried() {
        return tried;
    }

    private static String classOf(String label) {
        if (label.startsWith("Unicode")) {
            return "Unicode tricks";
        }
        if (label.startsWith("path traversal")) {
            return "path traversal";
        }
        if (label.startsWith("SQL")) {
            return "SQL injection";
        }
        if (label.startsWith("script")) {
            return "script injection";
        }
        return "invalid identifier";
    }

    private static List<String> stringLeaves(JsonNode node, String pointer) {
        List<String> leaves = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves.addAll(stringLeaves(e.getValue(), pointer + "/" + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves.addAll(stringLeaves(node.get(i), pointer + "/" + i));
            }
        } else if (node.isTextual()) {
            leaves.add(pointer);
        }
        return leaves;
    }

    private static void setLeaf(JsonNode root, String pointer, String value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, TextNode.valueOf(value));
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf(value));
        }
    }

    private static JsonNode readOrNull(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
