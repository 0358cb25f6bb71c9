package nl.inzage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.md of one ./dev bench run: the tables for BENCHMARKS.md, each target with its measured
 * value, from the raw files of the run's folder.
 *
 * <p>Usage: {@code Report folder}
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        StringBuilder md = new StringBuilder();
        md.append("```\n").append(read(dir.resolve("machine.txt"))).append("```\n\n");
        List<String> targets = new ArrayList<>();

        // 1. decision core
        Map<String, double[]> core = new LinkedHashMap<>();
        if (Files.exists(dir.resolve("jmh.json"))) {
            for (JsonNode result : JSON.readTree(dir.resolve("jmh.json").toFile())) {
                String engine = result.get("benchmark").asText().replaceAll(".*\\.", "");
                double[] row = core.computeIfAbsent(engine, e -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                JsonNode metric = result.get("primaryMetric");
                if (result.get("mode").asText().equals("avgt")) {
                    row[0] = metric.get("score").asDouble();
                    row[3] = metric.get("scoreError").asDouble();
                } else if (result.get("mode").asText().equals("sample")) {
                    row[1] = metric.get("scorePercentiles").get("50.0").asDouble();
                    row[2] = metric.get("scorePercentiles").get("99.0").asDouble();
                }
            }
            md.append("### 1. Decision core (JMH, 100,000 clients × 1,000 organisations)\n\n");
            md.append(read(dir.resolve("agreement.txt"))).append("\n");
            md.append("| engine | ns/decision (avg ± error) | p50 (sample mode) | p99 (sample mode) | Inzage faster by (avg) |\n|---|---|---|---|---|\n");
            double inzage = core.containsKey("inzage") ? core.get("inzage")[0] : Double.NaN;
            core.forEach((engine, row) -> md.append(String.format("| %s | %,.0f ± %,.0f | %,.0f ns | %,.0f ns | %s |%n", engine, row[0], row[3],
                    row[1], row[2], engine.equals("inzage") ? "–" : String.format("%.1f×", row[0] / inzage))));
            md.append('\n');
            if (core.containsKey("inzage")) {
                double[] row = core.get("inzage");
                targets.add(target("decision core p50 ≤ 1 µs", String.format("%,.0f ns", row[1]), row[1] <= 1000));
                targets.add(target("decision core p99 ≤ 5 µs", String.format("%,.0f ns", row[2]), row[2] <= 5000));
                for (String peer : List.of("jcasbin", "cedar")) {
                    if (core.containsKey(peer)) {
                        double factor = core.get(peer)[0] / row[0];
                        targets.add(target("≥ 20× faster than " + peer, String.format("%.1f×", factor), factor >= 20));
                    }
                }
            }
        }

        // 2./3. HTTP
        List<JsonNode> http = new ArrayList<>();
        if (Files.exists(dir.resolve("http-results.jsonl"))) {
            for (String line : Files.readAllLines(dir.resolve("http-results.jsonl"))) {
                if (!line.isBlank()) {
                    http.add(JSON.readTree(line));
                }
            }
        }
        if (!http.isEmpty()) {
            md.append("### 2./3. HTTP on loopback, open loop (latency from the intended send time)\n\n");
            md.append("| target | batch | offered requests/s | decisions/s | answered/s | p50 | p99 | p99.9 | max | errors | unanswered | permits |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (JsonNode r : http) {
                int batch = r.get("batch").asInt();
                md.append(String.format("| %s | %s | %,d | %,d | %,d | %s | %s | %s | %s | %,d | %,d | %,d |%n", r.get("target").asText(),
                        batch == 0 ? "–" : batch, r.get("rate").asInt(), r.get("rate").asInt() * Math.max(1, batch),
                        r.get("achieved_per_s").asLong(), us(r.get("p50_us")), us(r.get("p99_us")), us(r.get("p999_us")),
                        us(r.get("max_us")), r.get("errors").asLong(), r.get("unanswered").asLong(), r.get("permits").asLong()));
            }
            md.append("\nFirst errors, where there were any: ");
            for (JsonNode r : http) {
                if (r.hasNonNull("first_error")) {
                    md.append("\n- ").append(r.get("label").asText()).append(": `").append(r.get("first_error").asText()).append('`');
                }
            }
            md.append("\n\n![latency against load](latency-vs-load.png)\n\n");
            // Throughput: the most a target answered per second in a single-decision run without errors.
            JsonNode gatewayBest = best(http, "gateway");
            JsonNode cerbosBest = best(http, "cerbos");
            if (gatewayBest != null && cerbosBest != null) {
                double ratio = gatewayBest.get("achieved_per_s").asDouble() / Math.max(1, cerbosBest.get("achieved_per_s").asDouble());
                targets.add(target("≥ 10× Cerbos's throughput (most answered/s without errors)", String.format(
                        "gateway %,d/s (p99 %s) vs Cerbos %,d/s (p99 %s): %.1f×", gatewayBest.get("achieved_per_s").asLong(),
                        us(gatewayBest.get("p99_us")), cerbosBest.get("achieved_per_s").asLong(), us(cerbosBest.get("p99_us")), ratio),
                        ratio >= 10));
            }
            for (JsonNode r : http) {
                if (r.get("target").asText().equals("gateway") && r.get("batch").asInt() == 0 && r.get("rate").asInt() == 10000) {
                    targets.add(target("HTTP 10k/s p50 ≤ 200 µs", us(r.get("p50_us")), r.get("p50_us").asLong() <= 200));
                    targets.add(target("HTTP 10k/s p99 ≤ 1 ms", us(r.get("p99_us")), r.get("p99_us").asLong() <= 1000));
                    targets.add(target("HTTP 10k/s p99.9 ≤ 5 ms", us(r.get("p999_us")), r.get("p999_us").asLong() <= 5000));
                    long errors = r.get("errors").asLong() + r.get("unanswered").asLong();
                    targets.add(target("HTTP 10k/s zero errors", errors + " errors/unanswered", errors == 0));
                }
                if (r.get("target").asText().equals("gateway") && r.get("batch").asInt() == 0 && r.get("rate").asInt() == 20000) {
                    long errors = r.get("errors").asLong() + r.get("unanswered").asLong();
                    targets.add(target("HTTP 20k/s p99 ≤ 2 ms (" + errors + " errors/unanswered)", us(r.get("p99_us")), r.get("p99_us").asLong() <= 2000 && errors == 0));
                }
            }
        }
        for (JsonNode r : http) {
            if (r.get("target").asText().equals("viewer")) {
                long delay = 20_000;
                md.append(String.format("### 7. Viewer path (3 stub holders, each answering after %d ms)%n%n", delay / 1000));
                md.append(String.format("At %d searches/s: p50 %s, p99 %s, p99.9 %s, errors %d; the gateway's own part (total minus the"
                        + " slowest holder's %d ms): p50 %s, p99 %s. Each search decides and audits 3 holders × 10 categories.%n%n",
                        r.get("rate").asInt(), us(r.get("p50_us")), us(r.get("p99_us")), us(r.get("p999_us")), r.get("errors").asLong(),
                        delay / 1000, usValue(r.get("p50_us").asLong() - delay), usValue(r.get("p99_us").asLong() - delay)));
            }
        }
        if (Files.exists(dir.resolve("propagation.json"))) {
            JsonNode p = JSON.readTree(read(dir.resolve("propagation.json")));
            md.append("### 4. Propagation: withdrawal at consent-service until the gateway's first deny (gateway under 1,000 decisions/s)\n\n```\n")
                    .append(p.toPrettyString()).append("\n```\n\n");
            targets.add(target("withdrawal to deny p50 ≤ 10 ms", p.get("sent_to_deny_p50_ms").asDouble() + " ms (from sending the PUT)",
                    p.get("sent_to_deny_p50_ms").asDouble() <= 10));
            targets.add(target("withdrawal to deny p99 ≤ 50 ms", p.get("sent_to_deny_p99_ms").asDouble() + " ms",
                    p.get("sent_to_deny_p99_ms").asDouble() <= 50));
            targets.add(target("0 stale permits with the revision token", p.get("stale_permits_with_revision").asLong() + " of "
                    + p.get("withdrawals_with_revision").asLong(), p.get("stale_permits_with_revision").asLong() == 0));
        }
        if (Files.exists(dir.resolve("audit.json"))) {
            JsonNode audit = JSON.readTree(read(dir.resolve("audit.json")));
            md.append("### 6. Audit ingest (audit-service, hash chain, PostgreSQL) during the gateway runs above\n\n```\n")
                    .append(audit.toPrettyString()).append("\n```\n\n");
            boolean lossless = audit.get("records").asLong() >= audit.get("expected").asLong();
            targets.add(target("audit: zero loss", audit.get("records").asLong() + " of " + audit.get("expected").asLong()
                    + " records the gateway had acknowledged are stored", lossless));
        }
        if (Files.exists(dir.resolve("audit-ingest.json"))) {
            JsonNode ingest = JSON.readTree(read(dir.resolve("audit-ingest.json")));
            md.append("### 6. Audit ingest on its own: a backlog written while audit-service was stopped, then stored by it\n\n```\n")
                    .append(ingest.toPrettyString()).append("\n```\n\n");
            targets.add(target("audit ≥ 50,000 events/s sustained", ingest.get("per_s").asLong() + "/s over a backlog of "
                    + ingest.get("backlog").asLong() + " (" + ingest.get("stored").asLong() + " stored)",
                    ingest.get("per_s").asLong() >= 50_000 && ingest.get("stored").asLong() >= ingest.get("backlog").asLong()));
        }
        if (Files.exists(dir.resolve("gateway-ready.json"))) {
            JsonNode ready = JSON.readTree(read(dir.resolve("gateway-ready.json")));
            md.append(String.format("Gateway ready (projections caught up from the topics) %,d ms after start, for %,d clients%n%n",
                    ready.get("ready_ms").asLong(), ready.get("clients").asLong()));
        }
        if (Files.exists(dir.resolve("ready-at-scale.json"))) {
            JsonNode ready = JSON.readTree(read(dir.resolve("ready-at-scale.json")));
            md.append("### 5. Time to ready at the issue's size: the gateway rebuilt from the topics\n\n```\n")
                    .append(ready.toPrettyString()).append("\n```\n\n");
            boolean isReady = ready.get("ready").asBoolean();
            targets.add(target("ready ≤ 30 s (" + ready.get("clients").asLong() + " clients, " + ready.get("events").asLong() + " events)",
                    isReady ? String.format("%,d ms", ready.get("ready_ms").asLong()) : "not ready after " + ready.get("ready_ms").asLong() / 1000 + " s",
                    isReady && ready.get("ready_ms").asLong() <= 30_000));
        }
        if (Files.exists(dir.resolve("footprint.txt"))) {
            md.append("### 5. Projection footprint (access-gateway/bench/projection-footprint.sh)\n\n```\n");
            String clients = null;
            String peak = null;
            boolean outOfMemory = false;
            for (String line : Files.readAllLines(dir.resolve("footprint.txt"))) {
                if (line.matches(".*(clients|bytes per|filled in|both projections|OutOfMemory|used heap).*")) {
                    md.append(line).append('\n');
                }
                java.util.regex.Matcher size = FOOTPRINT_SIZE.matcher(line);
                if (size.find()) {
                    clients = size.group(1) + " clients, " + size.group(2) + " relationships";
                }
                java.util.regex.Matcher most = FOOTPRINT_PEAK.matcher(line);
                if (most.find()) {
                    peak = most.group(1);
                }
                outOfMemory |= line.contains("OutOfMemory");
            }
            md.append("```\n\n");
            if (clients != null) {
                boolean full = clients.startsWith("1,000,000 clients, 3,000,000");
                targets.add(target("1M clients + 3M relationships in ≤ 2 GiB heap", outOfMemory ? clients + ": OutOfMemoryError"
                        : clients + ": largest heap in use after GC " + peak + " MiB of 2,048",
                        full && !outOfMemory && peak != null && Long.parseLong(peak.replace(",", "")) <= 2048));
            }
        }
        md.append("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
        targets.forEach(md::append);
        System.out.print(md);
    }

    /** The run of a target that answered most per second with neither errors nor unanswered requests (single decisions). */
    private static JsonNode best(List<JsonNode> http, String target) {
        JsonNode best = null;
        for (JsonNode r : http) {
            if (r.get("target").asText().equals(target) && r.get("batch").asInt() == 0
                    && r.get("errors").asLong() + r.get("unanswered").asLong() == 0
                    && (best == null || r.get("achieved_per_s").asLong() > best.get("achieved_per_s").asLong())) {
                best = r;
            }
        }
        return best;
    }

    private static final java.util.regex.Pattern FOOTPRINT_SIZE = java.util.regex.Pattern.compile("^clients ([0-9,]+), .*relationships ([0-9,]+)");
    private static final java.util.regex.Pattern FOOTPRINT_PEAK = java.util.regex.Pattern.compile("largest used heap after GC at any point: ([0-9,]+) MiB");

    private static String target(String name, String measured, boolean met) {
        return "| " + name + " | " + measured + " | " + (met ? "met" : "**not met**") + " |\n";
    }

    private static String us(JsonNode value) {
        long us = value.asLong();
        return us < 1000 ? us + " µs" : String.format("%.1f ms", us / 1000.0);
    }

    private static String usValue(long us) {
        return us < 1000 ? us + " µs" : String.format("%.1f ms", us / 1000.0);
    }

    private static String read(Path path) throws Exception {
        return Files.exists(path) ? Files.readString(path) : "";
    }
}
