package nl.inzage.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11's faults against the running stack (tests/faults.sh starts it on a PostgreSQL cluster of its own),
 * one after the other under the same steady {@link Load}; after each, the stack must settle by itself and the
 * ledger must hold: every acknowledged write in its database exactly once, the gateway's projections equal to
 * the databases ({@code ./dev reconcile}), every permit the gateway answered in the audit log, every registered
 * client permitted again. The numbers go to {@code target/reliability/faults.json} (RELIABILITY.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackFaultsIT {

    private static final String KAFKA = "127.0.0.1:9092";
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final Stack stack = new Stack();
    private final ObjectNode report = Stack.JSON.createObjectNode();
    private Load load;

    @BeforeAll
    void startLoad() {
        for (String service : Stack.PORTS.keySet()) {
            assertThat(stack.ready(service)).as(service + " is ready (tests/faults.sh starts the stack)").isTrue();
        }
        load = new Load(stack).start(2, Integer.getInteger("faults.load-rate", 100));
        await(Duration.ofSeconds(60), () -> load.registered.size() >= 10, "ten clients registered");
        pause(Duration.ofSeconds(5));
        report.put("loadDecisionsPerSecond", Integer.getInteger("faults.load-rate", 100));
    }

    @AfterAll
    void writeReport() throws IOException {
        if (load != null) {
            load.close();
            ObjectNode phases = report.putObject("outcomesByPhase");
            load.outcomes.keySet().forEach(phase -> phases.set(phase, Stack.JSON.valueToTree(load.outcomes(phase))));
            report.put("clientsRegistered", load.registered.size());
            report.put("consentsAcknowledged", load.consentsAcknowledged.size());
            report.put("relationshipsAcknowledged", load.relationshipsAcknowledged.size());
            report.put("permitsAnswered", load.permitsByBsn.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum());
        }
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Stack.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("faults.json").toFile(), report);
    }

    // --- the faults ---

    @Test
    @Order(1)
    void killingEachServiceLosesNoAcknowledgedWriteAndNoPermitsAuditRecord() {
        for (String service : List.of("consent-service", "relationship-service", "audit-service", "access-gateway")) {
            load.phase("kill -9 " + service);
            pause(Duration.ofSeconds(5));
            stack.kill9(service);
            pause(Duration.ofSeconds(3));
            assertThat(stack.script("deploy/local/services.sh", "start", service)).as("restart " + service).isZero();
            load.phase(service + " restarted");
            pause(Duration.ofSeconds(5));
            verify("kill -9 " + service);
        }
    }

    @Test
    @Order(2)
    void aStoppedBrokerKeepsWritesGoingClosesTheGatewayAndRecovers() {
        load.phase("broker stopped");
        assertThat(stack.script("deploy/local/kafka.sh", "stop")).isZero();
        long stoppedAt = System.nanoTime();
        // The suite's gateway runs with a staleness limit of 15 s (tests/faults.sh): after it, every decision is stale.
        pause(Duration.ofSeconds(22));
        JsonNode during = decideNow(load.registered.get(0).bsn());
        pause(Duration.ofNanos(Math.max(0, TimeUnit.SECONDS.toNanos(30) - (System.nanoTime() - stoppedAt))));
        assertThat(stack.script("deploy/local/kafka.sh", "start")).isZero();
        load.phase("broker restarted");
        await(SETTLE, () -> stack.ready("access-gateway"), "the gateway ready again by itself");

        Map<String, Long> outage = load.outcomes("broker stopped");
        ObjectNode entry = verify("broker stopped 30 s");
        entry.set("decisionAfterTheStalenessLimit", during);
        assertThat(during.path("decision").asBoolean(true)).as("a decision during the outage").isFalse();
        assertThat(during.path("context").path("reasons").toString()).contains("stale");
        assertThat(outage.getOrDefault("consent 201", 0L)).as("consent writes acknowledged while the broker was down").isPositive();
        assertThat(outage.getOrDefault("relationship 201", 0L)).as("relationship writes acknowledged while the broker was down").isPositive();
        assertThat(outage.keySet().stream().filter(k -> k.startsWith("consent ") || k.startsWith("relationship ")))
                .as("every write while the broker was down was acknowledged").allMatch(k -> k.endsWith(" 201"));
    }

    @Test
    @Order(3)
    void aPostgresRestartMakesTheServicesNotReadyAndTheyRecoverWithoutARestart() {
        List<String> stores = List.of("consent-service", "relationship-service", "audit-service");
        Map<String, Long> pids = new HashMap<>();
        stores.forEach(service -> pids.put(service, stack.pid(service)));
        load.phase("postgres stopped");
        assertThat(stack.script("tests/faults/postgres.sh", "stop")).isZero();
        Set<String> sawNotReady = new java.util.TreeSet<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            stores.stream().filter(service -> !stack.ready(service)).forEach(sawNotReady::add);
            pause(Duration.ofMillis(500));
        }
        assertThat(stack.script("tests/faults/postgres.sh", "start")).isZero();
        load.phase("postgres restarted");
        for (String service : stores) {
            await(SETTLE, () -> stack.ready(service), service + " ready again");
        }
        ObjectNode entry = verify("PostgreSQL stopped 20 s, restarted");
        entry.set("notReadyWhileDown", Stack.JSON.valueToTree(sawNotReady));
        assertThat(sawNotReady).as("services reporting not-ready while PostgreSQL was down").containsExactlyInAnyOrderElementsOf(stores);
        stores.forEach(service -> assertThat(stack.pid(service)).as(service + " recovered in the same process").isEqualTo(pids.get(service)));
    }

    @Test
    @Order(4)
    void aPoisonMessageOnEveryConsumedTopicIsSetAsideAndThePartitionKeepsFlowing() throws Exception {
        load.phase("poison messages");
        // topic -> where its consumers set a poison message aside.
        Map<String, String> deadLetters = new LinkedHashMap<>();
        deadLetters.put("consent.events", "audit.events.dlq");
        deadLetters.put("relationship.events", "audit.events.dlq");
        deadLetters.put("audit.events", "audit.events.dlq");
        deadLetters.put("consent.inbound.00000101", "consent.inbound.dlq");
        deadLetters.put("relationship.inbound.00000101", "relationship.inbound.dlq");
        deadLetters.put("access.emergency", null); // every gateway replica reads it: counted and skipped, by each
        double unreadableBefore = gatewayMetric("inzage_projection_unreadable_events_total");
        double emergencyUnreadableBefore = gatewayMetric("inzage_emergency_unreadable_events_total");
        String run = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafkaProps(), new StringSerializer(), new StringSerializer())) {
            for (String topic : deadLetters.keySet()) {
                // Two in a row on the same partition: the second is only seen if the consumer moved past the first.
                // Both unreadable (valid JSON of a wrong shape is, on an inbound topic, answered as a rejection).
                for (String value : List.of("{not json", "\u0000\u0001 not json either")) {
                    String key = "poison-" + run + "-" + keys.size();
                    keys.add(key);
                    producer.send(new ProducerRecord<>(topic, 0, key, value)).get(10, TimeUnit.SECONDS);
                }
            }
        }
        ObjectNode entry = report.putObject("poison messages");
        ObjectNode landed = entry.putObject("deadLettered");
        int k = 0;
        for (Map.Entry<String, String> topic : deadLetters.entrySet()) {
            List<String> mine = keys.subList(k, k + 2);
            k += 2;
            if (topic.getValue() == null) {
                continue;
            }
            await(SETTLE, () -> keysOn(topic.getValue()).containsAll(mine), "both poison messages of " + topic.getKey() + " on " + topic.getValue());
            landed.put(topic.getKey(), topic.getValue());
        }
        await(SETTLE, () -> gatewayMetric("inzage_projection_unreadable_events_total") >= unreadableBefore + 4,
                "the gateway counted the four unreadable state events and skipped them");
        entry.put("gatewayUnreadableCounted", gatewayMetric("inzage_projection_unreadable_events_total") - unreadableBefore);
        await(SETTLE, () -> gatewayMetric("inzage_emergency_unreadable_events_total") >= emergencyUnreadableBefore + 2,
                "the gateway counted the two unreadable records on access.emergency and skipped them");
        entry.put("gatewayEmergencyUnreadableCounted", gatewayMetric("inzage_emergency_unreadable_events_total") - emergencyUnreadableBefore);
        int registeredBefore = load.registered.size();
        await(SETTLE, () -> load.registered.size() >= registeredBefore + 10, "ten more clients registered after the poison");
        verify("poison messages");
    }

    @Test
    @Order(5)
    void aSoakKeepsHeapAndConnectionsFlatWithoutErrors() {
        Duration soak = Duration.parse(System.getProperty("faults.soak", "PT60S"));
        int rate = Integer.getInteger("faults.soak-rate", 500);
        load.rate(rate);
        load.phase("soak warm-up");
        pause(Duration.ofSeconds(20));
        load.phase("soak");
        Map<String, List<Stack.Footprint>> samples = new LinkedHashMap<>();
        Stack.PORTS.keySet().forEach(service -> samples.put(service, new ArrayList<>()));
        int rounds = 6;
        for (int i = 0; i <= rounds; i++) {
            samples.forEach((service, list) -> list.add(stack.footprint(service)));
            if (i < rounds) {
                pause(soak.dividedBy(rounds));
            }
        }
        load.rate(Integer.getInteger("faults.load-rate", 100));
        Map<String, Long> outcomes = load.outcomes("soak");
        ObjectNode entry = report.putObject("soak");
        entry.put("duration", soak.toString());
        entry.put("decisionsPerSecondAsked", rate);
        long decisions = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("decision 200 ")).mapToLong(Map.Entry::getValue).sum();
        entry.put("decisionsPerSecondAnswered", decisions / (double) soak.toSeconds());
        ObjectNode footprints = entry.putObject("footprints");
        samples.forEach((service, list) -> footprints.set(service, Stack.JSON.valueToTree(list)));
        entry.set("outcomes", Stack.JSON.valueToTree(outcomes));
        assertThat(outcomes.keySet()).as("soak outcomes").allMatch(k -> k.equals("decision 200 permit") || k.endsWith(" 201"));
        samples.forEach((service, list) -> {
            Stack.Footprint first = list.get(1); // after one interval under load: pools and caches are warm
            Stack.Footprint last = list.get(list.size() - 1);
            assertThat(last.heapBytes()).as(service + " heap after GC, end against start").isLessThanOrEqualTo(
                    (long) (first.heapBytes() * 1.25) + 16L * 1024 * 1024);
            assertThat(last.sockets()).as(service + " open sockets, end against start").isLessThanOrEqualTo(first.sockets() + 16);
        });
        verify("soak");
    }

    @Test
    @Order(6)
    void noServiceLogHoldsABsnATokenOrAFhirPayload() throws IOException {
        Pattern digits = Pattern.compile("(?<![0-9])[0-9]{9}(?![0-9])");
        Pattern token = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
        Set<String> bsns = new java.util.HashSet<>(load.bsns());
        bsns.add("999993653");
        ObjectNode entry = report.putObject("privacy");
        List<String> found = new ArrayList<>();
        long lines = 0;
        for (String service : Stack.PORTS.keySet()) {
            Path log = stack.root.resolve(".dev/logs/" + service + ".log");
            for (String line : Files.readAllLines(log)) {
                lines++;
                Matcher m = digits.matcher(line);
                while (m.find()) {
                    if (bsns.contains(m.group())) {
                        found.add(service + ": a BSN: " + line.replace(m.group(), "<bsn>"));
                    }
                }
                if (token.matcher(line).find()) {
                    found.add(service + ": a token");
                }
                if (line.contains("\"resourceType\"")) {
                    found.add(service + ": a FHIR payload");
                }
            }
        }
        entry.put("logLinesChecked", lines);
        entry.put("bsnsLookedFor", bsns.size());
        entry.set("found", Stack.JSON.valueToTree(found));
        assertThat(found).as("BSNs, tokens or FHIR payloads in the services' logs").isEmpty();
    }

    @Test
    @Order(7)
    void noRequestEndedInAServerError() {
        List<String> serverErrors = new ArrayList<>();
        Map<String, Long> retried = new TreeMap<>();
        load.outcomes.keySet().forEach(phase -> load.outcomes(phase).forEach((outcome, count) -> {
            // While PostgreSQL is down a write is answered 503 with Retry-After (not ready, nothing written), and the
            // load sends it again after that time. Counted, and allowed only there; every other 5xx, and a write still
            // 503 after all its attempts, is a server error.
            if (outcome.endsWith(" 503 retried") && phase.startsWith("postgres")) {
                retried.merge(phase + ": " + outcome, count, Long::sum);
            } else if (outcome.matches(".* 5[0-9][0-9]( .*)?")) {
                serverErrors.add(phase + ": " + outcome + " x" + count);
            }
        }));
        report.set("serverErrors", Stack.JSON.valueToTree(serverErrors));
        report.set("unavailableThenRetried", Stack.JSON.valueToTree(retried));
        assertThat(serverErrors).isEmpty();
    }

    // --- the checks after each fault ---

    /** Waits until the stack has settled, then checks the ledger; the numbers are in the report under the fault's name. */
    private ObjectNode verify(String fault) {
        ObjectNode entry = report.get(fault) instanceof ObjectNode known ? known : report.putObject(fault);
        List<String> consents = List.copyOf(load.consentsAcknowledged);
        List<String> relationships = List.copyOf(load.relationshipsAcknowledged);
        Map<String, Long> permits = new HashMap<>();
        load.permitsByBsn.forEach((bsn, count) -> permits.put(bsn, count.sum()));

        await(SETTLE, () -> pendingOutbox("consent") == 0 && pendingOutbox("relationship") == 0,
                "both outboxes published (nothing older than 5 s unpublished)");
        long consentRows = count("consent", "select count(*) from consent where id = any(?)", consents);
        long consentVersions = count("consent", "select count(*) from consent_version where consent_id = any(?)", consents);
        long relationshipRows = count("relationship", "select count(*) from relationship where id = any(?)", relationships);
        long relationshipVersions = count("relationship", "select count(*) from relationship_version where relationship_id = any(?)", relationships);
        entry.put("consentsAcknowledged", consents.size());
        entry.put("consentsInDatabase", consentRows);
        entry.put("consentVersionsInDatabase", consentVersions);
        entry.put("relationshipsAcknowledged", relationships.size());
        entry.put("relationshipsInDatabase", relationshipRows);
        entry.put("relationshipVersionsInDatabase", relationshipVersions);
        assertThat(consentRows).as(fault + ": acknowledged consents in the database").isEqualTo(consents.size());
        assertThat(consentVersions).as(fault + ": one version each").isEqualTo(consents.size());
        assertThat(relationshipRows).as(fault + ": acknowledged relationships in the database").isEqualTo(relationships.size());
        assertThat(relationshipVersions).as(fault + ": one version each").isEqualTo(relationships.size());
        // Each client of the load was registered once: no write landed twice (a retried one, or one answered 503
        // although it was stored).
        List<String> bsns = List.copyOf(load.bsns());
        long clientsWithTwoConsents = count("consent",
                "select count(*) from (select patient_bsn from consent where patient_bsn = any(?) group by patient_bsn having count(*) > 1) d", bsns);
        long clientsWithTwoRelationships = count("relationship",
                "select count(*) from (select patient_bsn from relationship where patient_bsn = any(?) group by patient_bsn having count(*) > 1) d", bsns);
        entry.put("clientsStoredTwice", clientsWithTwoConsents + clientsWithTwoRelationships);
        assertThat(clientsWithTwoConsents + clientsWithTwoRelationships).as(fault + ": clients with two consents or relationships").isZero();

        await(SETTLE, () -> stack.script("dev", "reconcile") == 0, "the gateway's projections equal the databases (./dev reconcile)");
        entry.put("reconciliation", "equal");

        long answered = permits.values().stream().mapToLong(Long::longValue).sum();
        long[] missing = {Long.MAX_VALUE};
        await(SETTLE, () -> (missing[0] = missingAuditPermits(permits)) == 0, "every permit answered is in the audit log");
        entry.put("permitsAnswered", answered);
        entry.put("permitsWithoutAuditRecord", missing[0]);
        entry.put("auditRecordsDuplicated", count("audit",
                "select count(*) from (select event_id from audit_record group by event_id having count(*) > 1) d", null));

        List<Load.Client> sample = new ArrayList<>(load.registered);
        java.util.Collections.shuffle(sample);
        sample = sample.subList(0, Math.min(30, sample.size()));
        List<String> notPermitted = new ArrayList<>();
        for (Load.Client client : sample) {
            JsonNode decision = decideNow(client.bsn());
            if (!decision.path("decision").asBoolean(false)) {
                notPermitted.add(decision.toString());
            }
        }
        entry.put("registeredClientsSampled", sample.size());
        entry.set("sampledNotPermitted", Stack.JSON.valueToTree(notPermitted));
        assertThat(notPermitted).as(fault + ": registered clients denied after the stack settled").isEmpty();
        return entry;
    }

    private long missingAuditPermits(Map<String, Long> answered) {
        Map<String, Long> logged = new HashMap<>();
        try (Connection db = stack.database("audit");
                PreparedStatement query = db.prepareStatement("select patient_bsn, count(*) from audit_record "
                        + "where decision = 'permit' and patient_bsn = any(?) group by patient_bsn")) {
            query.setArray(1, db.createArrayOf("text", answered.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    logged.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            return Long.MAX_VALUE;
        }
        return answered.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - logged.getOrDefault(e.getKey(), 0L))).sum();
    }

    private long pendingOutbox(String database) {
        return count(database, "select count(*) from outbox_event where published_at is null and created_at < now() - interval '5 seconds'", null);
    }

    private long count(String database, String sql, List<String> ids) {
        try (Connection db = stack.database(database); PreparedStatement query = db.prepareStatement(sql)) {
            if (ids != null) {
                query.setArray(1, db.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private JsonNode decideNow(String bsn) {
        try {
            HttpResponse<String> answer = stack.http.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/access/v1/evaluation"))
                    .header("Authorization", "Bearer " + stack.clientToken("pep", "pep-secret"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(Load.evaluation(bsn))).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Stack.JSON.readTree(answer.body())
                    : Stack.JSON.createObjectNode().put("status", answer.statusCode()).put("body", answer.body());
        } catch (IOException e) {
            return Stack.JSON.createObjectNode().put("failure", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double gatewayMetric(String name) {
        try {
            String metrics = stack.http.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The keys of every record on the topic, from the beginning. */
    private Set<String> keysOn(String topic) {
        Properties props = kafkaProps();
        props.put("group.id", "faults-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        Set<String> keys = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    private static Properties kafkaProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA);
        props.put("acks", "all");
        return props;
    }

    private static void await(Duration atMost, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what);
            }
            pause(Duration.ofMillis(500));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
