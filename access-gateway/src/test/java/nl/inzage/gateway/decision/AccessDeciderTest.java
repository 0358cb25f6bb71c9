package nl.inzage.gateway.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.DataCategories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessDeciderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String HOLDER = "00000101";
    private static final String HOSPITAL = "00000201";
    private static final String KRAAMZORG = "00000301";

    private static final RoleCategoryMatrix MATRIX = new RoleCategoryMatrix(Map.of(
            "gynaecoloog", Set.copyOf(DataCategories.ALL),
            "kraamverzorgende", Set.of("pregnancy", "delivery", "postpartum", "newborn", "care-plan")),
            Set.copyOf(DataCategories.ALL));

    private static final AccessDecider DECIDER = new AccessDecider(MATRIX);

    private static final ConsentRule NETWORK_PERMIT = new ConsentRule("permit", null, null, null, List.of());
    private static final RelationshipState HOSPITAL_TREATMENT = relationship(HOSPITAL, "active", TODAY.minusDays(30), null);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("network permit, relationship, role allows", consent("active", NETWORK_PERMIT),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, "consent-permit"),
                Arguments.of("no consent is no permit", null,
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-consent"),
                Arguments.of("withdrawn consent denies", consent("inactive", NETWORK_PERMIT),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-withdrawn"),
                Arguments.of("refused consent denies", consent("rejected"),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-refused"),
                Arguments.of("proposed consent is no choice yet", consent("proposed", NETWORK_PERMIT),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-consent"),
                Arguments.of("active consent without any permit rule", consent("active"),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-no-matching-permit"),
                Arguments.of("no relationship denies", consent("active", NETWORK_PERMIT),
                        List.of(), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-relationship"),
                Arguments.of("another organisation's relationship does not count", consent("active", NETWORK_PERMIT),
                        List.of(relationship(KRAAMZORG, "active", TODAY.minusDays(1), null)), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-relationship"),
                Arguments.of("ended relationship denies", consent("active", NETWORK_PERMIT),
                        List.of(relationship(HOSPITAL, "ended", TODAY.minusDays(30), TODAY.minusDays(1))), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-relationship"),
                Arguments.of("relationship past its end date denies", consent("active", NETWORK_PERMIT),
                        List.of(relationship(HOSPITAL, "active", TODAY.minusDays(30), TODAY.minusDays(1))), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-relationship"),
                Arguments.of("relationship not yet started denies", consent("active", NETWORK_PERMIT),
                        List.of(relationship(HOSPITAL, "active", TODAY.plusDays(1), null)), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "no-relationship"),
                Arguments.of("relationship ending today still counts", consent("active", NETWORK_PERMIT),
                        List.of(relationship(HOSPITAL, "active", TODAY.minusDays(3), TODAY)), "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, "relationship"),
                Arguments.of("role may not see the category", consent("active", NETWORK_PERMIT),
                        List.of(relationship(KRAAMZORG, "active", TODAY.minusDays(1), null)), "kraamverzorgende", KRAAMZORG, "K4", "ultrasound", false, "role-not-permitted"),
                Arguments.of("role sees its own categories", consent("active", NETWORK_PERMIT),
                        List.of(relationship(KRAAMZORG, "active", TODAY.minusDays(1), null)), "kraamverzorgende", KRAAMZORG, "K4", "postpartum", true, "role-permits-category"),
                Arguments.of("unknown role denies", consent("active", NETWORK_PERMIT),
                        List.of(HOSPITAL_TREATMENT), "tandarts", HOSPITAL, "V4", "ultrasound", false, "unknown-role"),
                Arguments.of("unknown category denies", consent("active", NETWORK_PERMIT),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "dental", false, "unknown-category"),
                Arguments.of("organisation deny beats network permit", consent("active", NETWORK_PERMIT, new ConsentRule("deny", HOSPITAL, null, null, List.of())),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-deny"),
                Arguments.of("organisation-type deny beats network permit", consent("active", NETWORK_PERMIT, new ConsentRule("deny", null, "V4", null, List.of())),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-deny"),
                Arguments.of("organisation permit beats organisation-type deny", consent("active", NETWORK_PERMIT,
                                new ConsentRule("deny", null, "V4", null, List.of()), new ConsentRule("permit", HOSPITAL, null, null, List.of())),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, "consent-permit"),
                Arguments.of("deny wins at equal specificity", consent("active", new ConsentRule("permit", HOSPITAL, null, null, List.of()),
                                new ConsentRule("deny", HOSPITAL, null, null, List.of())),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-deny"),
                Arguments.of("excluded data category is denied", consent("active", NETWORK_PERMIT, new ConsentRule("deny", null, null, null, List.of("ultrasound"))),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", false, "consent-deny"),
                Arguments.of("other categories stay permitted beside an excluded one", consent("active", NETWORK_PERMIT, new ConsentRule("deny", null, null, null, List.of("ultrasound"))),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "lab-results", true, "consent-permit"),
                Arguments.of("a deny for another organisation does not apply", consent("active", NETWORK_PERMIT, new ConsentRule("deny", KRAAMZORG, null, null, List.of())),
                        List.of(HOSPITAL_TREATMENT), "gynaecoloog", HOSPITAL, "V4", "ultrasound", true, "consent-permit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesByConsentRelationshipAndRole(String name, ConsentState consent, List<RelationshipState> relationships, String role,
            String organization, String organizationType, String category, boolean permit, String expectedReason) {
        AccessRequest request = new AccessRequest("900000201", organization, organizationType, role, "999993653", HOLDER, category, "TREAT");

        Decision decision = DECIDER.decide(request, consent, relationships, TODAY);

        assertThat(decision.permit()).as(name).isEqualTo(permit);
        assertThat(decision.reasonCodes()).as(name).contains(expectedReason);
        if (permit) {
            assertThat(decision.consentIds()).hasSize(1);
            assertThat(decision.relationshipIds()).hasSize(1);
        }
    }

    private static ConsentState consent(String status, ConsentRule... rules) {
        return new ConsentState("c-1", 2, 17, status, false, List.of(rules));
    }

    private static RelationshipState relationship(String organization, String status, LocalDate start, LocalDate end) {
        return new RelationshipState("r-" + organization, 1, organization, null, "treatment", status, start, end);
    }
}
