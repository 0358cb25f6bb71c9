package nl.inzage.gateway.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;

/**
 * Whatever the projections hold, no request is permitted without a consent that permits (or "no
 * choice yet" under an emergency access), a relationship (or an emergency access) and the matrix.
 * The oracles here are written from DOMAIN.md, not from the decider's code.
 */
class AccessDeciderPropertyTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);
    private static final String CLIENT = "999993653";
    private static final List<String> ORGANIZATIONS = List.of("00000101", "00000201", "00000301");
    private static final List<String> TYPES = List.of("G3", "V4", "K4");
    private static final List<String> UZIS = List.of("900000101", "900000201");
    private static final AccessDecider DECIDER = new AccessDecider(DomainMatrix.MATRIX, ZONE);

    /** Everything one decision depends on. */
    record World(AccessRequest request, ConsentState consent, List<RelationshipState> relationships, EmergencyAccess emergency) {
    }

    @Property(tries = 2000)
    void noPermitWithoutConsentThatPermits(@ForAll("worlds") World world) {
        Decision decision = decide(world);
        if (decision.permit()) {
            boolean noChoiceYet = world.consent() == null || !Set.of("active", "inactive", "rejected").contains(world.consent().status());
            assertThat(consentPermits(world) || (noChoiceYet && emergencyHolds(world))).isTrue();
        }
    }

    @Property(tries = 2000)
    void noPermitWithoutRelationshipOrEmergency(@ForAll("worlds") World world) {
        if (decide(world).permit()) {
            assertThat(relationshipHolds(world) || emergencyHolds(world)).isTrue();
        }
    }

    @Property(tries = 2000)
    void noPermitWithoutTheMatrix(@ForAll("worlds") World world) {
        if (decide(world).permit()) {
            assertThat(DomainMatrix.BY_ROLE.getOrDefault(world.request().role(), Set.of())).contains(world.request().dataCategory());
        }
    }

    @Property(tries = 2000)
    void refusalAndWithdrawalBeatEverything(@ForAll("worlds") World world) {
        if (world.consent() != null && Set.of("inactive", "rejected").contains(world.consent().status())) {
            assertThat(decide(world).permit()).isFalse();
        }
    }

    @Property(tries = 2000)
    void allThreeRulesHoldingWithoutEmergencyIsAPermit(@ForAll("worlds") World world) {
        World plain = new World(world.request(), world.consent(), world.relationships(), null);
        boolean expected = consentPermits(plain) && relationshipHolds(plain)
                && DomainMatrix.BY_ROLE.getOrDefault(plain.request().role(), Set.of()).contains(plain.request().dataCategory());
        Decision decision = decide(plain);
        assertThat(decision.permit()).isEqualTo(expected);
        assertThat(decision.emergency()).isFalse();
    }

    @Property(tries = 2000)
    void everyDecisionNamesOneReasonPerRule(@ForAll("worlds") World world) {
        Decision decision = decide(world);
        assertThat(decision.findings()).extracting(Finding::rule).containsExactly(Finding.CONSENT, Finding.RELATIONSHIP, Finding.ROLE);
        assertThat(decision.findings()).allSatisfy(finding -> assertThat(finding.basis()).isNotBlank().doesNotContain(CLIENT));
    }

    private static Decision decide(World world) {
        return DECIDER.decide(world.request(), world.consent(), world.relationships(), world.emergency(), NOW);
    }

    /** DOMAIN.md's combination rules, restated: the most specific applicable rules decide, deny wins among equals. */
    private static boolean consentPermits(World world) {
        ConsentState consent = world.consent();
        if (consent == null || !"active".equals(consent.status())) {
            return false;
        }
        AccessRequest request = world.request();
        int best = -1;
        boolean anyDenyAtBest = false;
        for (ConsentRule rule : consent.rules()) {
            boolean applies = (rule.organization() == null || rule.organization().equals(request.organizationUra()))
                    && (rule.organizationType() == null || rule.organizationType().equals(request.organizationType()))
                    && rule.providerCategory() == null
                    && (rule.dataCategories().isEmpty() || rule.dataCategories().contains(request.dataCategory()));
            if (!applies) {
                continue;
            }
            int level = (rule.organization() != null ? 4 : rule.organizationType() != null ? 2 : 0) + (rule.dataCategories().isEmpty() ? 0 : 1);
            if (level > best) {
                best = level;
                anyDenyAtBest = "deny".equals(rule.effect());
            } else if (level == best) {
                anyDenyAtBest |= "deny".equals(rule.effect());
            }
        }
        return best >= 0 && !anyDenyAtBest;
    }

    private static boolean relationshipHolds(World world) {
        return world.relationships().stream().anyMatch(r -> r.organization().equals(world.request().organizationUra())
                && "active".equals(r.status()) && !r.start().isAfter(TODAY) && (r.end() == null || !r.end().isBefore(TODAY)));
    }

    private static boolean emergencyHolds(World world) {
        EmergencyAccess e = world.emergency();
        AccessRequest request = world.request();
        return e != null && e.practitionerUzi().equals(request.practitionerUzi()) && e.organization().equals(request.organizationUra())
                && e.patientBsn().equals(request.patientBsn()) && !NOW.isBefore(e.grantedAt()) && NOW.isBefore(e.expiresAt());
    }

    @Provide
    Arbitrary<World> worlds() {
        return Combinators.combine(requests(), consents().injectNull(0.2), relationships().list().ofMaxSize(3),
                emergencies().injectNull(0.5)).as(World::new);
    }

    private Arbitrary<AccessRequest> requests() {
        List<String> roles = new ArrayList<>(DomainMatrix.BY_ROLE.keySet());
        roles.add("tandarts");
        List<String> categories = new ArrayList<>(DataCategories.ALL);
        categories.add("dental");
        return Combinators.combine(Arbitraries.of(UZIS), Arbitraries.of(ORGANIZATIONS), Arbitraries.of(TYPES), Arbitraries.of(roles),
                Arbitraries.of(categories)).as((uzi, organization, type, role, category) ->
                new AccessRequest(uzi, organization, type, role, CLIENT, "00000101", category, "TREAT"));
    }

    private Arbitrary<ConsentState> consents() {
        Arbitrary<String> statuses = Arbitraries.of("active", "active", "inactive", "rejected", "proposed", "draft", "entered-in-error");
        return Combinators.combine(statuses, rules().list().ofMaxSize(4))
                .as((status, rules) -> new ConsentState("c-1", 1, 1, status, false, rules));
    }

    private Arbitrary<ConsentRule> rules() {
        return Combinators.combine(Arbitraries.of("permit", "deny"), Arbitraries.of(ORGANIZATIONS).injectNull(0.6),
                Arbitraries.of(TYPES).injectNull(0.6), Arbitraries.of("RPZAC104").injectNull(0.9),
                Arbitraries.of(DataCategories.ALL).set().ofMaxSize(2))
                .as((effect, organization, type, provider, categories) ->
                        new ConsentRule(effect, organization, type, provider, List.copyOf(categories)));
    }

    private Arbitrary<RelationshipState> relationships() {
        return Combinators.combine(Arbitraries.of(ORGANIZATIONS), Arbitraries.of("active", "ended"),
                Arbitraries.integers().between(-30, 3), Arbitraries.integers().between(-5, 30).injectNull(0.4))
                .as((organization, status, startOffset, endOffset) -> new RelationshipState("r-" + organization + startOffset, 1,
                        organization, null, "treatment", status, TODAY.plusDays(startOffset),
                        endOffset == null ? null : TODAY.plusDays(startOffset + endOffset)));
    }

    private Arbitrary<EmergencyAccess> emergencies() {
        return Combinators.combine(Arbitraries.of(UZIS), Arbitraries.of(ORGANIZATIONS), Arbitraries.of(CLIENT, "999990019"),
                Arbitraries.integers().between(-300, 10), Arbitraries.integers().between(-10, 300))
                .as((uzi, organization, bsn, fromMinutes, lengthMinutes) -> new EmergencyAccess("e-1", uzi, organization, bsn, "reason",
                        NOW.plus(Duration.ofMinutes(fromMinutes)), NOW.plus(Duration.ofMinutes(fromMinutes + lengthMinutes))));
    }
}
