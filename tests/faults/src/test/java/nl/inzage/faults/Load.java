package nl.inzage.faults;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The steady load the faults run under: a source system (00000101) registering new clients (a consent, then a
 * treatment relationship), and a PEP asking the gateway, at a fixed rate, whether the verloskundige of 00000101 may
 * read a registered client's pregnancy data. It keeps the ledger the checks read: every acknowledged write (201,
 * with the resource's id), every permit answered per client, and every outcome per phase (status codes, decisions
 * with their reasons, connection failures).
 */
final class Load implements AutoCloseable {

    record Client(String bsn, String consentId, String relationshipId, long registeredAtNanos) {
    }

    private static final String HOLDER = "00000101";
    /**
     * Decisions sent and not yet answered, at most: 2 s of the soak's 2,000/s, so a pause of the stack (the gateway's
     * p99 has half-second spikes, BENCHMARKS.md) is answered late rather than not asked. They share {@link #CONNECTIONS}
     * connections (the rest wait in the client's queue), so the gateway's open sockets stay flat.
     */
    private static final int MAX_IN_FLIGHT = 4096;
    private static final int CONNECTIONS = 512;
    /** How often a write answered 503 is sent: long enough to outlast the suite's 20 s database outage. */
    private static final int WRITE_ATTEMPTS = 12;
    private static final Duration SETTLED = Duration.ofSeconds(5);
    private static final URI GATEWAY = URI.create(Stack.GATEWAY);
    private static final RequestOptions EVALUATION = new RequestOptions().setMethod(HttpMethod.POST).setHost(GATEWAY.getHost())
            .setPort(GATEWAY.getPort()).setURI("/access/v1/evaluation").setTimeout(10_000).putHeader("Content-Type", "application/json");

    private final Stack stack;
    private final String consentTemplate;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "fault-load");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient decisions = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
            .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(-1));
    private final AtomicInteger bsnCursor = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 100));
    private final Set<String> usedBsns = ConcurrentHashMap.newKeySet();

    final List<Client> registered = new CopyOnWriteArrayList<>();
    final List<String> consentsAcknowledged = new CopyOnWriteArrayList<>();
    final List<String> relationshipsAcknowledged = new CopyOnWriteArrayList<>();
    final Map<String, LongAdder> permitsByBsn = new ConcurrentHashMap<>();
    /** phase -> "operation outcome" -> count. */
    final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private volatile String phase = "warm-up";
    private volatile long decisionIntervalNanos;

    Load(Stack stack) {
        this.stack = stack;
        try {
            this.consentTemplate = Files.readString(stack.root.resolve("deploy/local/demo/consent-00000101.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts registering clients (writesPerSecond) and deciding (decisionsPerSecond). */
    Load start(double writesPerSecond, int decisionsPerSecond) {
        timers.scheduleWithFixedDelay(this::registerOne, 0, (long) (1_000_000 / writesPerSecond), TimeUnit.MICROSECONDS);
        rate(decisionsPerSecond);
        Thread decider = new Thread(this::decideForever, "fault-decisions");
        decider.setDaemon(true);
        decider.start();
        return this;
    }

    void rate(int decisionsPerSecond) {
        decisionIntervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, decisionsPerSecond);
    }

    void phase(String name) {
        phase = name;
    }

    /** The BSNs this load used: the privacy check looks for each in the services' logs. */
    Set<String> bsns() {
        return usedBsns;
    }

    Map<String, Long> outcomes(String phaseName) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.getOrDefault(phaseName, Map.of()).forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    private void count(String operation, String outcome) {
        outcomes.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation + " " + outcome, k -> new LongAdder()).increment();
    }

    // --- writes ---

    private void registerOne() {
        String bsn = nextBsn();
        String source = stack.clientToken("source-00000101", "source-00000101-secret");
        String consentId = create("consent", Stack.CONSENT + "/fhir/Consent", "application/fhir+json", source,
                "patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn|" + bsn, consentTemplate.replace("999993653", bsn));
        if (consentId == null) {
            return;
        }
        consentsAcknowledged.add(consentId);
        String relationshipId = create("relationship", Stack.RELATIONSHIP + "/relationships", "application/json", source,
                "patient=" + bsn, "{\"patient\":\"" + bsn + "\",\"organization\":\"" + HOLDER + "\",\"organizationType\":\"G3\","
                        + "\"kind\":\"treatment\",\"start\":\"2026-06-01\",\"reason\":\"fault suite\"}");
        if (relationshipId == null) {
            return;
        }
        relationshipsAcknowledged.add(relationshipId);
        registered.add(new Client(bsn, consentId, relationshipId, System.nanoTime()));
    }

    /**
     * POSTs a new resource as a careful source system does: conditionally (If-None-Exist, so a retry lands once), and
     * after a 503 again once its Retry-After has passed, up to {@link #WRITE_ATTEMPTS} times. Its id when acknowledged
     * (201, or 200: an earlier attempt had created it), else null. Every answer is counted; a 503 that was retried as
     * "503 retried", so the suite sees each one and can tell them from a write that failed in the end.
     */
    private String create(String operation, String url, String type, String token, String criteria, String body) {
        try {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> answer = stack.http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).header("Content-Type", type).header("If-None-Exist", criteria)
                        .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                var retryAfter = answer.headers().firstValue("Retry-After");
                if (status == 503 && retryAfter.isPresent() && attempt < WRITE_ATTEMPTS && !timers.isShutdown()) {
                    count(operation, "503 retried");
                    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds(retryAfter.get())));
                    continue;
                }
                count(operation, status == 200 && attempt > 1 ? "200 (created by an earlier attempt)" : Integer.toString(status));
                if (status != 201 && status != 200) {
                    return null;
                }
                return Stack.JSON.readTree(answer.body()).path("id").asText(null);
            }
        } catch (IOException e) {
            count(operation, failure(e));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Retry-After in seconds, at most 5; an HTTP date (not what the services send) counts as 5. */
    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Math.min(5, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException date) {
            return 5;
        }
    }

    // --- decisions ---

    private void decideForever() {
        long next = System.nanoTime();
        while (!timers.isShutdown()) {
            long now = System.nanoTime();
            if (now < next) {
                java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                continue;
            }
            next += decisionIntervalNanos;
            if (now - next > TimeUnit.SECONDS.toNanos(1)) {
                next = now; // fell behind by more than a second (a pause): do not burst to catch up
            }
            decideOne();
        }
    }

    private void decideOne() {
        // Only clients registered at least SETTLED ago: the decision must not race the write's propagation (measured on
        // its own in BENCHMARKS.md), which on two cores saturated by the soak took over two seconds now and then.
        List<Client> clients = registered;
        int settled = settled(clients);
        if (settled == 0) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            count("decision", "not sent (" + MAX_IN_FLIGHT + " in flight)");
            return;
        }
        Client client = clients.get(ThreadLocalRandom.current().nextInt(settled));
        String token;
        try {
            token = stack.clientToken("pep", "pep-secret");
        } catch (RuntimeException keycloakUnreachable) {
            inFlight.release();
            count("decision", "no token");
            return;
        }
        RequestOptions request = new RequestOptions(EVALUATION).putHeader("Authorization", "Bearer " + token);
        decisions.request(request)
                .compose(sent -> sent.send(evaluation(client.bsn())))
                .compose(answer -> answer.body().map(body -> answer.statusCode() == 200 ? body.toString() : Integer.toString(answer.statusCode())))
                .onComplete(outcome -> {
                    inFlight.release();
                    if (outcome.failed()) {
                        count("decision", failure(outcome.cause()));
                    } else if (!outcome.result().startsWith("{")) {
                        count("decision", outcome.result());
                    } else if (outcome.result().contains("\"decision\":true")) {
                        permitsByBsn.computeIfAbsent(client.bsn(), b -> new LongAdder()).increment();
                        count("decision", "200 permit");
                    } else {
                        count("decision", denied(outcome.result()));
                    }
                });
    }

    private static String denied(String body) {
        try {
            return "200 deny " + Stack.JSON.readTree(body).path("context").path("reasons");
        } catch (IOException e) {
            return "200 unreadable";
        }
    }

    /** How many of the clients (in registration order) were registered at least {@link #SETTLED} ago. */
    private static int settled(List<Client> clients) {
        long before = System.nanoTime() - SETTLED.toNanos();
        int low = 0;
        int high = clients.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (clients.get(middle).registeredAtNanos() <= before) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static String evaluation(String bsn) {
        return "{\"subject\":{\"type\":\"practitioner\",\"id\":\"900000101\",\"properties\":{\"subject_organization_id\":\"00000101\","
                + "\"subject_role\":\"verloskundige\",\"subject_facility_type\":\"G3\"}},\"action\":{\"name\":\"read\"},"
                + "\"resource\":{\"type\":\"patient-data\",\"id\":\"" + bsn + "\",\"properties\":{\"data_holder_organization_id\":\""
                + HOLDER + "\",\"data_category\":\"pregnancy\"}},\"context\":{\"purpose_of_use\":\"TREAT\"}}";
    }

    private static String failure(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof HttpTimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return "timed out";
        }
        return "connection failed (" + cause.getClass().getSimpleName() + ")";
    }

    /** The next unused BSN of the test range 9999xxxxx that passes the 11-test. */
    private String nextBsn() {
        while (true) {
            int n = bsnCursor.getAndIncrement();
            if (n >= 10_000) {
                throw new IllegalStateException("the test BSN range is used up");
            }
            String digits = "9999" + String.format("%04d", n);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (digits.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            String bsn = digits + check;
            if (check < 10 && !bsn.equals("999993653") && usedBsns.add(bsn)) {
                return bsn;
            }
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        vertx.close();
    }
}
