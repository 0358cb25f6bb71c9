package nl.inzage.gateway.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.management.ObjectName;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;

/**
 * Benchmark, not a test: how much heap the gateway's projections take for N clients, each with
 * consents at 3 of 1,000 data holders (1–3 rules each), and R treatment relationships. Fills the
 * real {@link ConsentProjection} and {@link RelationshipProjection} through {@code apply}, with
 * every event first written to JSON and read back by Jackson, as the consumers receive it (so no
 * string is shared between events that would not be shared in production). Store revisions have
 * gaps, as on a compacted topic, so the watermark's out-of-order set grows during the replay as
 * it does at start-up, until it is settled as {@code Freshness} settles it once caught up.
 *
 * <p>Usage: {@code ProjectionFootprint [clients [relationships]]}; run by
 * {@code access-gateway/bench/projection-footprint.sh}. Fixed seed: every run builds the same data.
 */
public final class ProjectionFootprint {

    private static final int HOLDERS = 1_000;
    private static final int CONSENTS_PER_CLIENT = 3;
    private static final List<String> ORGANIZATION_TYPES = List.of("G3", "GC", "K4", "JGZ", "Z3", "V4", "B2");
    private static final List<String> KINDS = List.of("treatment", "treatment", "treatment", "treatment", "treatment",
            "treatment", "treatment", "referral", "replacement", "access-request");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private static volatile String phase = "nothing";
    private static volatile long done;
    private static volatile long total;
    private static volatile long lastUsed;

    private final Random random = new Random(20261123L);
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            // As Quarkus configures its ObjectMapper.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<String> holders = new ArrayList<>();
    private final List<String> holderTypes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 3 * clients;
        try {
            new ProjectionFootprint().run(clients, relationships);
        } catch (OutOfMemoryError e) {
            // The projections are unreachable now: there is room again to say how far the fill got.
            System.out.printf("%nOutOfMemoryError while filling %s, after %,d of %,d; last heap in use seen %,d MiB%n",
                    phase, done, total, lastUsed >> 20);
            System.exit(1);
        }
    }

    private void run(int clients, int relationships) throws Exception {
        for (int i = 0; i < HOLDERS; i++) {
            holders.add(String.format("%08d", 10_000_000 + random.nextInt(89_999_999)));
            holderTypes.add(ORGANIZATION_TYPES.get(random.nextInt(ORGANIZATION_TYPES.size())));
        }
        String[] bsns = bsns(clients);
        System.out.printf("clients %,d, consents %,d (%d per client at %,d data holders), relationships %,d%n",
                clients, (long) clients * CONSENTS_PER_CLIENT, CONSENTS_PER_CLIENT, HOLDERS, relationships);
        System.out.printf("max heap %,d MiB%n", MEMORY.getHeapMemoryUsage().getMax() >> 20);

        long baseline = usedAfterGc();
        ConsentProjection consents = new ConsentProjection();
        RelationshipProjection relationshipProjection = new RelationshipProjection();

        Phase consentPhase = fillConsents(consents, bsns);
        long consentsReplayed = usedAfterGc();
        consents.watermark().settle(consents.watermark().highest());
        long consentsSettled = usedAfterGc();

        Phase relationshipPhase = fillRelationships(relationshipProjection, bsns, relationships);
        long relationshipsReplayed = usedAfterGc();
        relationshipProjection.watermark().settle(relationshipProjection.watermark().highest());
        long relationshipsSettled = usedAfterGc();

        System.out.println();
        System.out.printf("used heap after GC, baseline (generator, BSN array): %,d MiB%n", baseline >> 20);
        System.out.printf("consents: filled in %.1f s (%.1f s of it in apply, the rest writing and reading JSON)%n",
                consentPhase.seconds(), consentPhase.applySeconds());
        System.out.printf("  used heap after the replay, watermark not yet settled: %,d MiB (+%,d MiB)%n",
                consentsReplayed >> 20, (consentsReplayed - baseline) >> 20);
        System.out.printf("  used heap after settling the watermark:               %,d MiB (+%,d MiB)%n",
                consentsSettled >> 20, (consentsSettled - baseline) >> 20);
        System.out.printf("  bytes per client (3 consents, map entry, BSN key):    %,d%n", (consentsSettled - baseline) / clients);
        System.out.printf("  bytes per consent:                                    %,d%n",
                (consentsSettled - baseline) / ((long) clients * CONSENTS_PER_CLIENT));
        System.out.printf("  watermark gaps held during the replay:                %,d bytes per consent%n",
                (consentsReplayed - consentsSettled) / ((long) clients * CONSENTS_PER_CLIENT));
        System.out.printf("relationships: filled in %.1f s (%.1f s of it in apply)%n",
                relationshipPhase.seconds(), relationshipPhase.applySeconds());
        System.out.printf("  used heap after the replay, watermark not yet settled: %,d MiB (+%,d MiB)%n",
                relationshipsReplayed >> 20, (relationshipsReplayed - consentsSettled) >> 20);
        System.out.printf("  used heap after settling the watermark:               %,d MiB (+%,d MiB)%n",
                relationshipsSettled >> 20, (relationshipsSettled - consentsSettled) >> 20);
        System.out.printf("  bytes per relationship:                               %,d%n",
                (relationshipsSettled - consentsSettled) / Math.max(1, relationships));
        System.out.printf("  watermark gaps held during the replay:                %,d bytes per relationship%n",
                (relationshipsReplayed - relationshipsSettled) / Math.max(1, relationships));
        System.out.printf("both projections, settled: %,d MiB; largest used heap after GC at any point: %,d MiB of %,d MiB%n",
                (relationshipsSettled - baseline) >> 20,
                Math.max(relationshipsReplayed, Math.max(consentsReplayed, relationshipsSettled)) >> 20,
                MEMORY.getHeapMemoryUsage().getMax() >> 20);
        System.out.println();
        System.out.println("largest classes on the heap (live objects):");
        histogram(25);
        // The projections must still be reachable when the heap is measured.
        Reference.reachabilityFence(consents);
        Reference.reachabilityFence(relationshipProjection);
        Reference.reachabilityFence(bsns);
    }

    private record Phase(double seconds, double applySeconds) {
    }

    private Phase fillConsents(ConsentProjection projection, String[] bsns) throws Exception {
        long start = System.nanoTime();
        long applying = 0;
        long revision = 0;
        for (int client = 0; client < bsns.length; client++) {
            for (int holder : distinctHolders(CONSENTS_PER_CLIENT)) {
                int version = 1 + random.nextInt(3);
                // Earlier versions of this consent were compacted away: their revisions are gaps.
                revision += version;
                ConsentChanged event = consent(bsns[client], holder, version, revision);
                ConsentChanged received = mapper.readValue(mapper.writeValueAsString(event), ConsentChanged.class);
                long before = System.nanoTime();
                projection.apply(received);
                applying += System.nanoTime() - before;
            }
            progress("consents", client, bsns.length);
        }
        return new Phase((System.nanoTime() - start) / 1e9, applying / 1e9);
    }

    private Phase fillRelationships(RelationshipProjection projection, String[] bsns, int relationships) throws Exception {
        long start = System.nanoTime();
        long applying = 0;
        long revision = 0;
        for (int i = 0; i < relationships; i++) {
            int version = 1 + random.nextInt(2);
            revision += version;
            // Spread over the clients: with 3 per client, every client has 3.
            RelationshipChanged event = relationship(bsns[i % bsns.length], version, revision);
            RelationshipChanged received = mapper.readValue(mapper.writeValueAsString(event), RelationshipChanged.class);
            long before = System.nanoTime();
            projection.apply(received);
            applying += System.nanoTime() - before;
            progress("relationships", i, relationships);
        }
        return new Phase((System.nanoTime() - start) / 1e9, applying / 1e9);
    }

    private ConsentChanged consent(String bsn, int holder, int version, long revision) {
        String ura = holders.get(holder);
        int roll = random.nextInt(100);
        String status = roll < 90 ? "active" : roll < 95 ? "rejected" : "inactive";
        boolean mitz = random.nextInt(20) == 0;
        List<ConsentRule> rules = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            rules.add(rule(i));
        }
        return new ConsentChanged(uuid(), uuid(), version, revision, NOW, new Actor("source-system", "source-" + ura, ura),
                mitz ? "mitz" : "source-system", status, bsn, ura, rules, resource(bsn, ura, status));
    }

    /** The kinds of provision source systems and Mitz send: whole network, an organisation type, one organisation. */
    private ConsentRule rule(int position) {
        if (position == 0) {
            return random.nextBoolean() ? new ConsentRule("permit", null, null, null, List.of())
                    : new ConsentRule("permit", null, randomType(), null, categories(1 + random.nextInt(3)));
        }
        return switch (random.nextInt(3)) {
            case 0 -> new ConsentRule("deny", holders.get(random.nextInt(HOLDERS)), null, null, List.of());
            case 1 -> new ConsentRule("permit", holders.get(random.nextInt(HOLDERS)), null, null, categories(1 + random.nextInt(2)));
            default -> new ConsentRule("deny", null, randomType(), null, categories(1));
        };
    }

    private RelationshipChanged relationship(String bsn, int version, long revision) {
        int holder = random.nextInt(HOLDERS);
        String organization = holders.get(holder);
        boolean ended = random.nextInt(100) < 15;
        LocalDate start = TODAY.minusDays(random.nextInt(730));
        LocalDate end = ended ? start.plusDays(random.nextInt(300)) : null;
        String practitioner = random.nextBoolean() ? String.format("%09d", random.nextInt(1_000_000_000)) : null;
        return new RelationshipChanged(uuid(), uuid(), version, revision, NOW,
                new Actor("source-system", "source-" + organization, organization), bsn, organization,
                holderTypes.get(holder), practitioner, KINDS.get(random.nextInt(KINDS.size())), ended ? "ended" : "active",
                start, end, "intake");
    }

    /** A FHIR Consent of about the size source systems send; the projection does not keep it. */
    private static String resource(String bsn, String ura, String status) {
        return "{\"resourceType\":\"Consent\",\"status\":\"" + status + "\",\"scope\":{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/consentscope\",\"code\":\"patient-privacy\"}]},\"category\":"
                + "[{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}],\"patient\":{\"identifier\":"
                + "{\"system\":\"http://fhir.nl/fhir/NamingSystem/bsn\",\"value\":\"" + bsn + "\"}},\"organization\":"
                + "[{\"identifier\":{\"system\":\"http://fhir.nl/fhir/NamingSystem/ura\",\"value\":\"" + ura + "\"}}],"
                + "\"policyRule\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\","
                + "\"code\":\"OPTIN\"}]},\"provision\":{\"type\":\"permit\",\"period\":{\"start\":\"2026-01-01\"}}}";
    }

    private List<String> categories(int count) {
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            String category = DataCategories.ALL.get(random.nextInt(DataCategories.ALL.size()));
            if (!chosen.contains(category)) {
                chosen.add(category);
            }
        }
        return chosen;
    }

    private String randomType() {
        return ORGANIZATION_TYPES.get(random.nextInt(ORGANIZATION_TYPES.size()));
    }

    private int[] distinctHolders(int count) {
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            int candidate;
            boolean seen;
            do {
                candidate = random.nextInt(HOLDERS);
                seen = false;
                for (int j = 0; j < i; j++) {
                    seen |= chosen[j] == candidate;
                }
            } while (seen);
            chosen[i] = candidate;
        }
        return chosen;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Distinct BSNs passing the 11-test: eight digits counted up, the ninth as check digit. */
    private static String[] bsns(int count) {
        String[] bsns = new String[count];
        int filled = 0;
        for (int prefix = 10_000_000; filled < count; prefix++) {
            int sum = 0;
            int rest = prefix;
            for (int weight = 2; weight <= 9; weight++) {
                sum += weight * (rest % 10);
                rest /= 10;
            }
            int check = sum % 11;
            if (check < 10) {
                bsns[filled++] = String.format("%08d%d", prefix, check);
            }
        }
        return bsns;
    }

    private static void progress(String what, long index, long count) {
        phase = what;
        done = index + 1;
        total = count;
        if (done % 250_000 == 0) {
            lastUsed = MEMORY.getHeapMemoryUsage().getUsed();
            System.out.printf("  %s: %,d of %,d, heap in use %,d MiB (before GC)%n", what, done, count, lastUsed >> 20);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void histogram(int lines) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        text.lines().limit(lines + 2).forEach(System.out::println);
    }
}
