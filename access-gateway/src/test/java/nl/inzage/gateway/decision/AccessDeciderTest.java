package nl.inzage.gateway.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.inzage.contracts.ConsentRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision against a table built from DOMAIN.md: each rule alone, their combinations, specificity, emergency. */
class AccessDeciderTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZONE);
    private static final String CLIENT = "999993653";
    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";
    private static final String KRAAMZORG = "00000301";
    private static final String GYNAECOLOOG_UZI = "900000201";

    private static final AccessDecider DECIDER = new AccessDecider(DomainMatrix.MATRIX, ZONE);

    private static final ConsentRule NETWORK_PERMIT = rule("permit", null, null);
    private static final RelationshipState HOSPITAL_TREATMENT = relationship(HOSPITAL, "treatment", "active", TODAY.minusDays(30), null);
    private static final EmergencyAccess EMERGENCY = emergency(GYNAECOLOOG_UZI, HOSPITAL, CLIENT, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(4)));

    /** One row: the projections, the request, and the expected decision with one reason per rule. */
    record Case(String name, ConsentState consent, List<RelationshipState> relationships, EmergencyAccess emergency,
            String role, String organization, String organizationType, String category, boolean permit, List<String> reasons) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // --- rule 1 alone: the consent (relationship and role always hold) ---
        cases.add(gyn("network permit, relationship, role allows", consent("active", NETWORK_PERMIT), "ultrasound", true, "consent-permit"));
        cases.add(gyn("no consent is no choice yet, not a permit", null, "ultrasound", false, "no-consent"));
        cases.add(gyn("withdrawn consent denies", consent("inactive", NETWORK_PERMIT), "ultrasound", false, "consent-withdrawn"));
        cases.add(gyn("refused consent denies", consent("rejected"), "ultrasound", false, "consent-refused"));
        cases.add(gyn("proposed consent is no choice yet", consent("proposed", NETWORK_PERMIT), "ultrasound", false, "no-consent"));
        cases.add(gyn("draft consent is no choice yet", consent("draft", NETWORK_PERMIT), "ultrasound", false, "no-consent"));
        cases.add(gyn("entered-in-error consent is no choice yet", consent("entered-in-error", NETWORK_PERMIT), "ultrasound", false, "no-consent"));
        cases.add(gyn("active consent without any rule", consent("active"), "ultrasound", false, "consent-no-matching-permit"));
        cases.add(gyn("permit only for another organisation", consent("active", rule("permit", KRAAMZORG, null)), "ultrasound", false,
                "consent-no-matching-permit"));
        cases.add(gyn("permit for the organisation type", consent("active", rule("permit", null, "V4")), "ultrasound", true, "consent-permit"));
        cases.add(gyn("permit for another organisation type", consent("active", rule("permit", null, "G3")), "ultrasound", false,
                "consent-no-matching-permit"));
        cases.add(gyn("permit for the organisation itself", consent("active", rule("permit", HOSPITAL, null)), "ultrasound", true, "consent-permit"));
        cases.add(gyn("permit limited to other categories", consent("active", rule("permit", null, null, "lab-results")), "ultrasound", false,
                "consent-no-matching-permit"));
        cases.add(gyn("permit limited to the asked category", consent("active", rule("permit", null, null, "lab-results")), "lab-results", true,
                "consent-permit"));
        cases.add(gyn("a Mitz provider-category rule is not matched to requesters yet",
                consent("active", new ConsentRule("permit", null, null, "RPZAC104", List.of())), "ultrasound", false, "consent-no-matching-permit"));
        // --- specificity and deny-wins ---
        cases.add(gyn("organisation deny beats network permit", consent("active", NETWORK_PERMIT, rule("deny", HOSPITAL, null)), "ultrasound",
                false, "consent-deny"));
        cases.add(gyn("organisation-type deny beats network permit", consent("active", NETWORK_PERMIT, rule("deny", null, "V4")), "ultrasound",
                false, "consent-deny"));
        cases.add(gyn("organisation permit beats organisation-type deny",
                consent("active", rule("deny", null, "V4"), rule("permit", HOSPITAL, null)), "ultrasound", true, "consent-permit"));
        cases.add(gyn("organisation permit beats network deny", consent("active", rule("deny", null, null), rule("permit", HOSPITAL, null)),
                "ultrasound", true, "consent-permit"));
        cases.add(gyn("organisation-type permit beats network deny", consent("active", rule("deny", null, null), rule("permit", null, "V4")),
                "ultrasound", true, "consent-permit"));
        cases.add(gyn("deny wins among organisation rules", consent("active", rule("permit", HOSPITAL, null), rule("deny", HOSPITAL, null)),
                "ultrasound", false, "consent-deny"));
        cases.add(gyn("deny wins among network rules", consent("active", NETWORK_PERMIT, rule("deny", null, null)), "ultrasound", false,
                "consent-deny"));
        cases.add(gyn("deny wins among organisation-type rules", consent("active", rule("deny", null, "V4"), rule("permit", null, "V4")),
                "ultrasound", false, "consent-deny"));
        cases.add(gyn("an excluded category beats the network permit", consent("active", NETWORK_PERMIT, rule("deny", null, null, "ultrasound")),
                "ultrasound", false, "consent-deny"));
        cases.add(gyn("other categories stay permitted beside an excluded one",
                consent("active", NETWORK_PERMIT, rule("deny", null, null, "ultrasound")), "lab-results", true, "consent-permit"));
        cases.add(gyn("a deny for another organisation does not apply", consent("active", NETWORK_PERMIT, rule("deny", KRAAMZORG, null)),
                "ultrasound", true, "consent-permit"));
        cases.add(gyn("an organisation's category permit beats its organisation-wide deny",
                consent("active", rule("deny", HOSPITAL, null), rule("permit", HOSPITAL, null, "ultrasound")), "ultrasound", true, "consent-permit"));
        // --- rule 2 alone: the relationship (consent and role always hold) ---
        cases.add(rel("no relationship denies", List.of(), true, false, "no-relationship"));
        cases.add(rel("another organisation's relationship does not count",
                List.of(relationship(KRAAMZORG, "treatment", "active", TODAY.minusDays(1), null)), true, false, "no-relationship"));
        cases.add(rel("ended relationship denies",
                List.of(relationship(HOSPITAL, "treatment", "ended", TODAY.minusDays(30), TODAY.minusDays(1))), true, false, "no-relationship"));
        cases.add(rel("relationship past its end date denies",
                List.of(relationship(HOSPITAL, "treatment", "active", TODAY.minusDays(30), TODAY.minusDays(1))), true, false, "no-relationship"));
        cases.add(rel("relationship not yet started denies",
                List.of(relationship(HOSPITAL, "treatment", "active", TODAY.plusDays(1), null)), true, false, "no-relationship"));
        cases.add(rel("relationship ending today still counts",
                List.of(relationship(HOSPITAL, "treatment", "active", TODAY.minusDays(3), TODAY)), true, true, "relationship"));
        cases.add(rel("relationship starting today counts",
                List.of(relationship(HOSPITAL, "treatment", "active", TODAY, null)), true, true, "relationship"));
        cases.add(rel("a referral is a relationship",
                List.of(relationship(HOSPITAL, "referral", "active", TODAY.minusDays(2), null)), true, true, "relationship"));
        cases.add(rel("an access request is a relationship",
                List.of(relationship(HOSPITAL, "access-request", "active", TODAY, null)), true, true, "relationship"));
        cases.add(rel("an ended one beside an active one: the active one counts",
                List.of(relationship(HOSPITAL, "treatment", "ended", TODAY.minusDays(90), TODAY.minusDays(60)), HOSPITAL_TREATMENT), true, true,
                "relationship"));
        // --- rule 3 alone: the role-by-category matrix (consent and relationship always hold) ---
        cases.add(role("kraamverzorgende may not see ultrasound", "kraamverzorgende", KRAAMZORG, "K4", "ultrasound", false, "role-not-permitted"));
        cases.add(role("kraamverzorgende sees postpartum", "kraamverzorgende", KRAAMZORG, "K4", "postpartum", true, "role-permits-category"));
        cases.add(role("jgz may not see pregnancy", "jgz", "00000501", "JGZ", "pregnancy", false, "role-not-permitted"));
        cases.add(role("jgz sees newborn", "jgz", "00000501", "JGZ", "newborn", true, "role-permits-category"));
        cases.add(role("kinderarts may not see psychosocial", "kinderarts", HOSPITAL, "V4", "psychosocial", false, "role-not-permitted"));
        cases.add(role("huisarts may not see ultrasound", "huisarts", "00000401", "Z3", "ultrasound", false, "role-not-permitted"));
        cases.add(role("huisarts sees psychosocial", "huisarts", "00000401", "Z3", "psychosocial", true, "role-permits-category"));
        cases.add(role("verloskundige sees care-plan", "verloskundige", HOLDER, "G3", "care-plan", true, "role-permits-category"));
        cases.add(role("unknown role denies", "tandarts", HOSPITAL, "V4", "ultrasound", false, "unknown-role"));
        cases.add(role("unknown category denies", "gynaecoloog", HOSPITAL, "V4", "dental", false, "unknown-category"));
        // --- combinations: every failing rule is named ---
        cases.add(new Case("no consent and no relationship", null, List.of(), null, "gynaecoloog", HOSPITAL, "V4", "ultrasound", false,
                List.of("no-consent", "no-relationship", "role-permits-category")));
        cases.add(new Case("withdrawn, no relationship, role not permitted", consent("inactive", NETWORK_PERMIT), List.of(), null,
                "kraamverzorgende", KRAAMZORG, "K4", "ultrasound", false, List.of("consent-withdrawn", "no-relationship", "role-not-permitted")));
        cases.add(new Case("consent and relationship hold but the role may not", consent("active", NETWORK_PERMIT), List.of(HOSPITAL_TREATMENT),
                null, "jgz", HOSPITAL, "V4", "ultrasound", false, List.of("consent-permit", "relationship", "role-not-permitted")));
        // --- emergency access (break-the-glass) ---
        cases.add(new Case("emergency access stands in for a missing relationship", consent("active", NETWORK_PERMIT), List.of(), EMERGENCY,
                "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, List.of("consent-permit", "emergency-access", "role-permits-category")));
        cases.add(new Case("emergency access stands in for no choice yet", null, List.of(), EMERGENCY,
                "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, List.of("emergency-access", "emergency-access", "role-permits-category")));
        cases.add(new Case("emergency access with a proposed consent and a relationship", consent("proposed"), List.of(HOSPITAL_TREATMENT),
                EMERGENCY, "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, List.of("emergency-access", "relationship", "role-permits-category")));
        cases.add(new Case("refusal beats emergency access", consent("rejected"), List.of(), EMERGENCY,
                "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, List.of("consent-refused", "emergency-access", "role-permits-category")));
        cases.add(new Case("withdrawal beats emergency access", consent("inactive", NETWORK_PERMIT), List.of(HOSPITAL_TREATMENT), EMERGENCY,
                "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, List.of("consent-withdrawn", "relationship", "role-permits-category")));
        cases.add(new Case("an explicit deny beats emergency access", consent("active", NETWORK_PERMIT, rule("deny", HOSPITAL, null)), List.of(),
                EMERGENCY, "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, List.of("consent-deny", "emergency-access", "role-permits-category")));
        cases.add(new Case("emergency access does not widen a consent that covers others only",
                consent("active", rule("permit", KRAAMZORG, null)), List.of(), EMERGENCY, "gynaecoloog", HOSPITAL, "V4", "ultrasound", false,
                List.of("consent-no-matching-permit", "emergency-access", "role-permits-category")));
        cases.add(new Case("emergency access does not override the role matrix", null, List.of(),
                emergency("900000301", KRAAMZORG, CLIENT, NOW.minusSeconds(60), NOW.plusSeconds(60)), "kraamverzorgende", KRAAMZORG, "K4",
                "ultrasound", false, List.of("emergency-access", "emergency-access", "role-not-permitted")));
        cases.add(emergencyMismatch("an expired emergency access counts for nothing",
                emergency(GYNAECOLOOG_UZI, HOSPITAL, CLIENT, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(1)))));
        cases.add(emergencyMismatch("an emergency access ends at its expiry instant",
                emergency(GYNAECOLOOG_UZI, HOSPITAL, CLIENT, NOW.minus(Duration.ofHours(4)), NOW)));
        cases.add(emergencyMismatch("an emergency access from the future counts for nothing",
                emergency(GYNAECOLOOG_UZI, HOSPITAL, CLIENT, NOW.plusSeconds(1), NOW.plus(Duration.ofHours(4)))));
        cases.add(emergencyMismatch("another practitioner's emergency access counts for nothing",
                emergency("900000202", HOSPITAL, CLIENT, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(4)))));
        cases.add(emergencyMismatch("an emergency access for another client counts for nothing",
                emergency(GYNAECOLOOG_UZI, HOSPITAL, "999990019", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(4)))));
        cases.add(emergencyMismatch("an emergency access made at another organisation counts for nothing",
                emergency(GYNAECOLOOG_UZI, KRAAMZORG, CLIENT, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(4)))));
        return cases.stream();
    }

    /** The decider remembers the day of its last decision: a decision on another day, either way, sees that day. */
    @Test
    void aRelationshipEndsAtMidnightInTheZoneWhateverTheDecisionBefore() {
        AccessDecider decider = new AccessDecider(DomainMatrix.MATRIX, ZONE);
        LocalDate lastDay = LocalDate.of(2026, 3, 28); // the night before the clocks go forward in Amsterdam
        RelationshipState endsThatDay = relationship(HOSPITAL, "treatment", "active", lastDay.minusDays(30), lastDay);
        AccessRequest request = new AccessRequest(GYNAECOLOOG_UZI, HOSPITAL, "V4", "gynaecoloog", CLIENT, HOLDER, "ultrasound", "TREAT");
        Instant lastSecond = lastDay.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(1);
        Instant midnight = lastSecond.plusSeconds(1);

        for (Instant at : List.of(lastSecond, midnight, lastSecond, midnight.plus(Duration.ofHours(25)), lastSecond.minus(Duration.ofDays(2)))) {
            boolean active = !LocalDate.ofInstant(at, ZONE).isAfter(lastDay);
            assertThat(decider.decide(request, consent("active", NETWORK_PERMIT), List.of(endsThatDay), null, at).reasonCodes())
                    .as("at " + at).contains(active ? "relationship" : "no-relationship");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesByConsentRelationshipAndRole(Case c) {
        AccessRequest request = new AccessRequest(c.role().equals("gynaecoloog") || c.role().equals("tandarts") || c.role().equals("kinderarts")
                ? GYNAECOLOOG_UZI : "900000301", c.organization(), c.organizationType(), c.role(), CLIENT, HOLDER, c.category(), "TREAT");

        Decision decision = DECIDER.decide(request, c.consent(), c.relationships(), c.emergency(), NOW);

        assertThat(decision.permit()).as(c.name()).isEqualTo(c.permit());
        assertThat(decision.reasonCodes()).as(c.name()).containsExactlyElementsOf(c.reasons());
        assertThat(decision.findings()).extracting(Finding::rule)
                .containsExactly(Finding.CONSENT, Finding.RELATIONSHIP, Finding.ROLE);
        assertThat(decision.emergency()).as(c.name()).isEqualTo(c.reasons().contains("emergency-access"));
        assertThat(decision.consentIds()).isEqualTo(c.consent() == null ? List.of() : List.of(c.consent().versionedId()));
        if (c.reasons().contains("relationship")) {
            assertThat(decision.relationshipIds()).singleElement().asString().startsWith("r-" + c.organization());
            assertThat(decision.findings().get(1).basis()).contains(decision.relationshipIds().get(0));
        } else {
            assertThat(decision.relationshipIds()).isEmpty();
        }
        if (c.reasons().get(0).equals("consent-permit") || c.reasons().get(0).equals("consent-deny")) {
            assertThat(decision.findings().get(0).basis()).as("names the consent version and its deciding rule")
                    .contains("c-1/_history/2").contains("rule " + c.reasons().get(0).substring("consent-".length()));
        }
    }

    private static Case gyn(String name, ConsentState consent, String category, boolean permit, String consentReason) {
        return new Case(name, consent, List.of(HOSPITAL_TREATMENT), null, "gynaecoloog", HOSPITAL, "V4", category, permit,
                List.of(consentReason, "relationship", "role-permits-category"));
    }

    private static Case rel(String name, List<RelationshipState> relationships, boolean consentPermits, boolean permit, String reason) {
        return new Case(name, consent("active", NETWORK_PERMIT), relationships, null, "gynaecoloog", HOSPITAL, "V4", "ultrasound", permit,
                List.of("consent-permit", reason, "role-permits-category"));
    }

    private static Case role(String name, String role, String organization, String type, String category, boolean permit, String reason) {
        return new Case(name, consent("active", NETWORK_PERMIT),
                List.of(relationship(organization, "treatment", "active", TODAY.minusDays(1), null)), null,
                role, organization, type, category, permit, List.of("consent-permit", "relationship", reason));
    }

    private static Case emergencyMismatch(String name, EmergencyAccess emergency) {
        return new Case(name, null, List.of(), emergency, "gynaecoloog", HOSPITAL, "V4", "ultrasound", false,
                List.of("no-consent", "no-relationship", "role-permits-category"));
    }

    private static ConsentState consent(String status, ConsentRule... rules) {
        return new ConsentState("c-1", 2, 17, status, false, List.of(rules));
    }

    private static ConsentRule rule(String effect, String organization, String organizationType, String... categories) {
        return new ConsentRule(effect, organization, organizationType, null, List.of(categories));
    }

    private static RelationshipState relationship(String organization, String kind, String status, LocalDate start, LocalDate end) {
        return new RelationshipState("r-" + organization + "-" + kind + "-" + status, 1, organization, null, kind, status, start, end);
    }

    private static EmergencyAccess emergency(String uzi, String organization, String bsn, Instant from, Instant until) {
        return new EmergencyAccess("e-1", uzi, organization, bsn, "bleeding, unconscious", from, until);
    }
}
