package nl.inzage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.inzage.gateway.decision.AccessRequest;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Open-loop HTTP load: requests are sent at a fixed rate whatever the answers do, and each
 * latency is measured from the request's intended send time (so a stalled server or a queue in
 * the client counts against the server: no coordinated omission). One Vert.x event loop; run it
 * pinned to its own core with {@code taskset}. The requests are the decision workload's, the same
 * sequence for every target.
 *
 * <p>Usage: {@code LoadGen target url rate seconds warmupSeconds clients organisations batch out label [tokenFile]}
 * with target {@code gateway}, {@code sqlpdp} or {@code cerbos}; batch 0 = single decisions.
 */
public final class LoadGen {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String target = args[0];
        URI url = URI.create(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        int organisations = Integer.parseInt(args[6]);
        int batch = Integer.parseInt(args[7]);
        Path out = Path.of(args[8]);
        String label = args[9];
        String token = args.length > 10 ? Files.readString(Path.of(args[10])).trim() : null;
        Files.createDirectories(out);

        Workload workload = new Workload(clients, organisations, DecisionCoreBenchmark.REQUESTS, Workload.SEED);
        Buffer[] bodies = target.equals("viewer") ? new Buffer[] {Buffer.buffer()} : bodies(target, workload, batch);
        String[] viewerPaths = null;
        if (target.equals("viewer")) {
            viewerPaths = new String[PublishWorkload.VIEWER_CLIENTS];
            for (int i = 0; i < viewerPaths.length; i++) {
                viewerPaths[i] = "/viewer/patients/" + PublishWorkload.viewerBsn(i) + "/fhir/Observation";
            }
        }
        String path = switch (target) {
            case "viewer" -> viewerPaths[0];
            case "gateway" -> batch > 0 ? "/access/v1/evaluations" : "/access/v1/evaluation";
            case "sqlpdp" -> "/decide";
            case "cerbos" -> "/api/check/resources";
            default -> throw new IllegalArgumentException("target: gateway, sqlpdp or cerbos");
        };
        String permitMarker = target.equals("cerbos") ? "EFFECT_ALLOW"
                : target.equals("viewer") ? "\"resourceType\":\"Observation\"" : "\"decision\":true";

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5000).setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
        RequestOptions options = new RequestOptions().setMethod(target.equals("viewer") ? HttpMethod.GET : HttpMethod.POST).setHost(url.getHost()).setPort(url.getPort())
                .setURI(path).setTimeout(10_000).putHeader("Content-Type", "application/json");
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        long warmupAnswered = 0;
        if (warmup > 0) {
            warmupAnswered = run(vertx, client, options, bodies, viewerPaths, rate, warmup, permitMarker).ok.get();
        }
        Result result = run(vertx, client, options, bodies, viewerPaths, rate, seconds, permitMarker);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Requests still in flight when the run ended: counted as unanswered below.
        }

        Histogram h = result.histogram;
        try (PrintStream log = new PrintStream(new FileOutputStream(out.resolve(label + ".hlog").toFile()))) {
            HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputComment("target " + target + " rate " + rate + "/s batch " + batch + " latency in microseconds");
            writer.outputLogFormatVersion();
            writer.outputLegend();
            writer.outputIntervalHistogram(h);
        }
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("label", label);
        summary.put("target", target);
        summary.put("rate", rate);
        summary.put("batch", batch);
        summary.put("seconds", seconds);
        summary.put("sent", result.sent);
        summary.put("ok", result.ok.get());
        summary.put("errors", result.errors.get());
        summary.put("unanswered", result.sent - result.ok.get() - result.errors.get());
        summary.put("permits", result.permits.get());
        summary.put("decisions_incl_warmup", (warmupAnswered + result.ok.get()) * Math.max(1, batch));
        summary.put("achieved_per_s", Math.round(result.ok.get() / result.elapsedSeconds));
        summary.put("p50_us", h.getValueAtPercentile(50));
        summary.put("p99_us", h.getValueAtPercentile(99));
        summary.put("p999_us", h.getValueAtPercentile(99.9));
        summary.put("max_us", h.getMaxValue());
        summary.put("first_error", result.firstError);
        String line = JSON.writeValueAsString(summary);
        System.out.println(line);
        Files.writeString(out.resolve("http-results.jsonl"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.exit(0);
    }

    private static final class Result {
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong permits = new AtomicLong();
        volatile String firstError;
        long sent;
        double elapsedSeconds;
    }

    private static Result run(Vertx vertx, HttpClient client, RequestOptions options, Buffer[] bodies, String[] paths, int rate,
            int seconds, String permitMarker) throws InterruptedException {
        Result result = new Result();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong completed = new AtomicLong();
        long[] sent = {0};
        long start = System.nanoTime() + 20_000_000L;
        vertx.runOnContext(ignored -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            long due = Math.min(total, Math.max(0, (now - start)) * rate / 1_000_000_000L);
            while (sent[0] < due) {
                long i = sent[0]++;
                long intended = start + i * 1_000_000_000L / rate;
                Buffer body = bodies[(int) (i % bodies.length)];
                RequestOptions these = paths == null ? options : new RequestOptions(options).setURI(paths[(int) (i % paths.length)]);
                client.request(these).compose(request -> paths == null ? request.send(body) : request.send()).compose(response -> {
                    if (response.statusCode() != 200) {
                        return response.body().map(text -> {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                                    + text.toString().substring(0, Math.min(200, text.length())));
                        });
                    }
                    return response.body();
                }).onComplete(outcome -> {
                    long latency = (System.nanoTime() - intended) / 1000;
                    result.histogram.recordValue(Math.min(latency, 59_999_999L));
                    if (outcome.succeeded()) {
                        result.ok.incrementAndGet();
                        String text = outcome.result().toString();
                        result.permits.addAndGet(count(text, permitMarker));
                    } else {
                        if (result.errors.incrementAndGet() == 1) {
                            result.firstError = String.valueOf(outcome.cause());
                        }
                    }
                    if (completed.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
            if (sent[0] >= total) {
                vertx.cancelTimer(timer);
            }
        }));
        boolean finished = done.await(seconds + 15L, TimeUnit.SECONDS);
        result.elapsedSeconds = (System.nanoTime() - start) / 1e9;
        result.sent = sent[0];
        if (!finished) {
            result.firstError = result.firstError == null ? "not all answered within 15 s after the run" : result.firstError;
        }
        return result;
    }

    private static int count(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }

    static Buffer[] bodies(String target, Workload workload, int batch) throws Exception {
        AccessRequest[] requests = workload.requests;
        int count = batch > 0 ? requests.length / batch : requests.length;
        Buffer[] bodies = new Buffer[count];
        for (int i = 0; i < count; i++) {
            Object body;
            if (batch > 0) {
                ObjectNode evaluations = JSON.createObjectNode();
                ArrayNode entries = evaluations.putArray("evaluations");
                for (int j = 0; j < batch; j++) {
                    entries.add(authzen(requests[i * batch + j]));
                }
                body = evaluations;
            } else {
                AccessRequest request = requests[i];
                body = switch (target) {
                    case "gateway" -> authzen(request);
                    case "sqlpdp" -> Map.of("bsn", request.patientBsn(), "holder", request.dataHolderUra(),
                            "org", request.organizationUra(), "type", request.organizationType(), "role", request.role(),
                            "category", request.dataCategory());
                    case "cerbos" -> cerbos(workload.facts(request), i);
                    case "viewer" -> Map.of();
                    default -> throw new IllegalArgumentException(target);
                };
            }
            bodies[i] = Buffer.buffer(JSON.writeValueAsBytes(body));
        }
        return bodies;
    }

    static ObjectNode authzen(AccessRequest request) {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode subject = entry.putObject("subject").put("type", "practitioner").put("id", request.practitionerUzi());
        subject.putObject("properties").put("subject_organization_id", request.organizationUra())
                .put("subject_role", request.role()).put("subject_facility_type", request.organizationType());
        entry.putObject("action").put("name", "read");
        ObjectNode resource = entry.putObject("resource").put("type", "patient-data").put("id", request.patientBsn());
        resource.putObject("properties").put("data_holder_organization_id", request.dataHolderUra())
                .put("data_category", request.dataCategory());
        entry.putObject("context").put("purpose_of_use", "TREAT");
        return entry;
    }

    /** The Cerbos check: the PEP sends the facts it fetched (Cerbos holds no data). */
    static Map<String, Object> cerbos(Facts facts, int i) {
        AccessRequest request = facts.request();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("status", facts.status());
        attributes.put("permits", List.copyOf(facts.permits()));
        attributes.put("denies", List.copyOf(facts.denies()));
        attributes.put("activeOrgs", List.copyOf(facts.activeOrgs()));
        attributes.put("category", request.dataCategory());
        List<String> keys = Facts.requestKeys(request);
        for (int k = 0; k < keys.size(); k++) {
            attributes.put("k" + (5 - k), keys.get(k));
        }
        return Map.of("requestId", "r" + i,
                "principal", Map.of("id", request.practitionerUzi(), "roles", List.of(request.role()),
                        "attr", Map.of("org", request.organizationUra())),
                "resources", List.of(Map.of("actions", List.of("read"),
                        "resource", Map.of("kind", "patient_data", "id", request.patientBsn() + "-" + request.dataHolderUra(),
                                "attr", attributes))));
    }

    /** The Cerbos resource policy: the same policy as {@link CedarEngine}, one rule per role. */
    public static String cerbosPolicy() {
        String[] keys = {"R.attr.k5", "R.attr.k4", "R.attr.k3", "R.attr.k2", "R.attr.k1", "R.attr.k0"};
        String consent = Facts.consentCondition(key -> key + " in R.attr.permits", key -> key + " in R.attr.denies", keys,
                "&&", "||", "!");
        StringBuilder yaml = new StringBuilder("apiVersion: api.cerbos.dev/v1\nresourcePolicy:\n  version: default\n"
                + "  resource: patient_data\n  rules:\n");
        Workload.MATRIX.forEach((role, categories) -> yaml.append("    - actions: [\"read\"]\n      effect: EFFECT_ALLOW\n")
                .append("      roles: [\"").append(role).append("\"]\n      condition:\n        match:\n          expr: >-\n")
                .append("            R.attr.category in [").append(String.join(", ", categories.stream().map(c -> "\"" + c + "\"").toList()))
                .append("] && R.attr.status == \"active\" && P.attr.org in R.attr.activeOrgs && ").append(consent).append("\n"));
        return yaml.toString();
    }
}
