package nl.inzage.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.decision.AccessDecider;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.ConsentState;
import nl.inzage.gateway.decision.RelationshipState;
import nl.inzage.gateway.decision.RoleCategoryMatrix;
import nl.inzage.gateway.projection.ConsentProjection;
import nl.inzage.gateway.projection.RelationshipProjection;

/**
 * The decision workload, the same for every engine: N clients, each with consents at 3 of H data
 * holders (1–3 rules: whole network or an organisation type first, then deny/permit for one
 * organisation or deny for an organisation type; 90% active, 5% refused, 5% withdrawn) and 3
 * treatment relationships (15% ended), in the gateway's real projections. The requests ask mostly
 * about a data holder the client has a consent at (90%) from an organisation she has a
 * relationship with (70%), with any role and data category. Fixed seed: the same data every run.
 */
public final class Workload {

    public static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    public static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);
    public static final List<String> ORGANIZATION_TYPES = List.of("G3", "GC", "K4", "JGZ", "Z3", "V4", "B2");
    public static final List<String> ROLES = List.of("verloskundige", "gynaecoloog", "kinderarts", "huisarts",
            "kraamverzorgende", "jgz");

    /** As access-gateway's application.properties configures it. */
    public static final Map<String, List<String>> MATRIX = matrix();

    public final String[] bsns;
    public final String[] holders;
    public final String[] holderTypes;
    public final int[][] consentHolders;
    public final String[][] relationshipOrgs;
    public final ConsentProjection consents = new ConsentProjection();
    public final RelationshipProjection relationships = new RelationshipProjection();
    public final AccessDecider decider = new AccessDecider(roleMatrix(), ZONE);
    public final AccessRequest[] requests;

    private final Random random;
    private final Map<String, String> typeByUra = new java.util.HashMap<>();

    public static final long SEED = 20261123L;

    /** The events the projections were filled from, kept only when asked (to publish them). */
    public final List<ConsentChanged> consentEvents = new ArrayList<>();
    public final List<RelationshipChanged> relationshipEvents = new ArrayList<>();

    public Workload(int clients, int holderCount, int requestCount, long seed) {
        this(clients, holderCount, requestCount, seed, false);
    }

    public Workload(int clients, int holderCount, int requestCount, long seed, boolean keepEvents) {
        random = new Random(seed);
        holders = new String[holderCount];
        holderTypes = new String[holderCount];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < holderCount; i++) {
            String ura;
            do {
                ura = String.format("%08d", 10_000_000 + random.nextInt(89_999_999));
            } while (!seen.add(ura));
            holders[i] = ura;
            holderTypes[i] = ORGANIZATION_TYPES.get(random.nextInt(ORGANIZATION_TYPES.size()));
            typeByUra.put(ura, holderTypes[i]);
        }
        bsns = new String[clients];
        consentHolders = new int[clients][];
        relationshipOrgs = new String[clients][];
        long consentRevision = 0;
        long relationshipRevision = 0;
        for (int c = 0; c < clients; c++) {
            bsns[c] = bsn(c);
            consentHolders[c] = distinctHolders(3);
            for (int holder : consentHolders[c]) {
                ConsentChanged event = consent(bsns[c], holder, ++consentRevision);
                consents.apply(event);
                if (keepEvents) {
                    consentEvents.add(event);
                }
            }
            relationshipOrgs[c] = new String[3];
            for (int r = 0; r < 3; r++) {
                int holder = random.nextInt(holderCount);
                relationshipOrgs[c][r] = holders[holder];
                RelationshipChanged event = relationship(bsns[c], holder, ++relationshipRevision);
                relationships.apply(event);
                if (keepEvents) {
                    relationshipEvents.add(event);
                }
            }
        }
        requests = new AccessRequest[requestCount];
        for (int i = 0; i < requestCount; i++) {
            requests[i] = request();
        }
    }

    /** The decision of the gateway's own core for request i: projection lookups and AccessDecider. */
    public boolean inzage(AccessRequest request) {
        return decider.decide(request, consents.find(request.patientBsn(), request.dataHolderUra()),
                relationships.forPatient(request.patientBsn()), null, NOW).permit();
    }

    /** What a general-purpose engine is given: the same data, flattened by the caller. */
    public Facts facts(AccessRequest request) {
        ConsentState consent = consents.find(request.patientBsn(), request.dataHolderUra());
        Set<String> permits = new HashSet<>();
        Set<String> denies = new HashSet<>();
        if (consent != null) {
            for (ConsentRule rule : consent.rules()) {
                (ConsentRule.DENY.equals(rule.effect()) ? denies : permits).addAll(Facts.ruleKeys(rule));
            }
        }
        Set<String> activeOrgs = new HashSet<>();
        Collection<RelationshipState> states = relationships.forPatient(request.patientBsn());
        for (RelationshipState state : states) {
            if (state.activeOn(TODAY)) {
                activeOrgs.add(state.organization());
            }
        }
        return new Facts(request, consent == null ? "none" : consent.status(), permits, denies, activeOrgs);
    }

    public static RoleCategoryMatrix roleMatrix() {
        Map<String, Set<String>> byRole = new LinkedHashMap<>();
        MATRIX.forEach((role, categories) -> byRole.put(role, Set.copyOf(categories)));
        return new RoleCategoryMatrix(Map.copyOf(byRole), Set.copyOf(DataCategories.ALL));
    }

    private static Map<String, List<String>> matrix() {
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        matrix.put("verloskundige", List.of("pregnancy", "lab-results", "ultrasound", "medical-history", "psychosocial",
                "medication", "delivery", "postpartum", "newborn", "care-plan"));
        matrix.put("gynaecoloog", List.of("pregnancy", "lab-results", "ultrasound", "medical-history", "psychosocial",
                "medication", "delivery", "postpartum", "newborn", "care-plan"));
        matrix.put("kinderarts", List.of("pregnancy", "lab-results", "ultrasound", "medical-history", "medication",
                "delivery", "postpartum", "newborn"));
        matrix.put("huisarts", List.of("pregnancy", "lab-results", "medical-history", "psychosocial", "medication",
                "delivery", "postpartum", "newborn", "care-plan"));
        matrix.put("kraamverzorgende", List.of("pregnancy", "delivery", "postpartum", "newborn", "care-plan"));
        matrix.put("jgz", List.of("delivery", "postpartum", "newborn", "care-plan"));
        return Map.copyOf(matrix);
    }

    private AccessRequest request() {
        int c = random.nextInt(bsns.length);
        String holder = random.nextInt(10) < 9 ? holders[consentHolders[c][random.nextInt(3)]]
                : holders[random.nextInt(holders.length)];
        String org = random.nextInt(10) < 7 ? relationshipOrgs[c][random.nextInt(3)] : holders[random.nextInt(holders.length)];
        String type = typeOf(org);
        String role = ROLES.get(random.nextInt(ROLES.size()));
        String category = DataCategories.ALL.get(random.nextInt(DataCategories.ALL.size()));
        return new AccessRequest(String.format("%09d", 100_000_000 + random.nextInt(800_000_000)), org, type, role,
                bsns[c], holder, category, "TREAT");
    }

    public String typeOf(String ura) {
        return typeByUra.getOrDefault(ura, "G3");
    }

    private ConsentChanged consent(String bsn, int holder, long revision) {
        String ura = holders[holder];
        int roll = random.nextInt(100);
        String status = roll < 90 ? "active" : roll < 95 ? "rejected" : "inactive";
        List<ConsentRule> rules = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            rules.add(rule(i));
        }
        return new ConsentChanged(uuid(), uuid(), 1, revision, NOW, new Actor("source-system", "source-" + ura, ura),
                "source-system", status, bsn, ura, rules, "{}");
    }

    /** The kinds of provision source systems send: whole network, an organisation type, one organisation. */
    public ConsentRule rule(int position) {
        if (position == 0) {
            return random.nextBoolean() ? new ConsentRule("permit", null, null, null, List.of())
                    : new ConsentRule("permit", null, randomType(), null, categories(1 + random.nextInt(3)));
        }
        return switch (random.nextInt(3)) {
            case 0 -> new ConsentRule("deny", holders[random.nextInt(holders.length)], null, null, List.of());
            case 1 -> new ConsentRule("permit", holders[random.nextInt(holders.length)], null, null,
                    categories(1 + random.nextInt(2)));
            default -> new ConsentRule("deny", null, randomType(), null, categories(1));
        };
    }

    private RelationshipChanged relationship(String bsn, int holder, long revision) {
        String organization = holders[holder];
        boolean ended = random.nextInt(100) < 15;
        LocalDate start = TODAY.minusDays(random.nextInt(730));
        LocalDate end = ended ? start.plusDays(random.nextInt(300)) : null;
        return new RelationshipChanged(uuid(), uuid(), 1, revision, NOW,
                new Actor("source-system", "source-" + organization, organization), bsn, organization,
                holderTypes[holder], null, "treatment", ended ? "ended" : "active", start, end, "intake");
    }

    private List<String> categories(int count) {
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            String category = DataCategories.ALL.get(random.nextInt(DataCategories.ALL.size()));
            if (!chosen.contains(category)) {
                chosen.add(category);
            }
        }
        return List.copyOf(chosen);
    }

    private String randomType() {
        return ORGANIZATION_TYPES.get(random.nextInt(ORGANIZATION_TYPES.size()));
    }

    private int[] distinctHolders(int count) {
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            int candidate;
            boolean again;
            do {
                candidate = random.nextInt(holders.length);
                again = false;
                for (int j = 0; j < i; j++) {
                    again |= chosen[j] == candidate;
                }
            } while (again);
            chosen[i] = candidate;
        }
        return chosen;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A valid BSN (11-test) of the test range, unique per index. */
    public static String bsn(int index) {
        int base = 10_000_000 + index * 7 % 89_999_999;
        for (int n = base; ; n = n + 1 > 99_999_999 ? 10_000_000 : n + 1) {
            String digits = String.format("%08d", n);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (digits.charAt(i) - '0') * (9 - i);
            }
            int check = sum % 11;
            // 100000009 passes the 11-sum but not the BSN rule that the sum may not be 0.
            if (check < 10 && sum != check) {
                return digits + check;
            }
        }
    }
}
