package nl.inzage.relationship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelationshipRulesTest {

    private static final RelationshipRequest TREATMENT = new RelationshipRequest(
            "999993653", "00000101", "G3", "900000101", "treatment", "2026-11-01", null, "Intake");

    @Test
    void validTreatmentBecomesFacts() {
        RelationshipFacts facts = RelationshipRules.check(TREATMENT);

        assertThat(facts).isEqualTo(new RelationshipFacts("999993653", "00000101", "G3", "900000101",
                RelationshipKind.TREATMENT, LocalDate.of(2026, 11, 1), null, "Intake"));
    }

    @Test
    void practitionerAndReasonAreOptional() {
        RelationshipFacts facts = RelationshipRules.check(
                new RelationshipRequest("999990019", "00000201", "K4", null, "referral", "2026-11-01", null, null));

        assertThat(facts.practitioner()).isNull();
        assertThat(facts.reason()).isNull();
        assertThat(facts.kind()).isEqualTo(RelationshipKind.REFERRAL);
    }

    @Test
    void blankReasonCountsAsNoReason() {
        assertThat(RelationshipRules.check(withReason("  ")).reason()).isNull();
    }

    @Test
    void relationshipMayEndOnTheDayItStarts() {
        RelationshipFacts facts = RelationshipRules.check(withEnd("2026-11-01"));

        assertThat(facts.end()).isEqualTo(facts.start());
    }

    @Test
    void replacementWithEndIsValid() {
        RelationshipFacts facts = RelationshipRules.check(new RelationshipRequest(
                "999993653", "00000101", "G3", "900000101", "replacement", "2026-11-01", "2026-11-14", "Holiday cover"));

        assertThat(facts.kind()).isEqualTo(RelationshipKind.REPLACEMENT);
        assertThat(facts.end()).isEqualTo(LocalDate.of(2026, 11, 14));
    }

    @Test
    void accessRequestIsAValidKindHereWhoMayRegisterItIsTheServicesConcern() {
        RelationshipFacts facts = RelationshipRules.check(withKind("access-request"));

        assertThat(facts.kind()).isEqualTo(RelationshipKind.ACCESS_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIsRefusedNamingTheField(String description, RelationshipRequest request, String field) {
        assertThatThrownBy(() -> RelationshipRules.check(request))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo(field);
                    assertThat(problem.getMessage()).contains(field);
                });
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("BSN failing the 11-test", withPatient("999993654"), "patient"),
                Arguments.of("BSN of eight digits", withPatient("99999365"), "patient"),
                Arguments.of("missing BSN", withPatient(null), "patient"),
                Arguments.of("URA of seven digits", withOrganization("0000010"), "organization"),
                Arguments.of("URA with a letter", withOrganization("0000010x"), "organization"),
                Arguments.of("missing URA", withOrganization(null), "organization"),
                Arguments.of("missing organisation type", withOrganizationType(null), "organizationType"),
                Arguments.of("organisation type that is no code", withOrganizationType("verloskundigen praktijk"), "organizationType"),
                Arguments.of("UZI of five digits", withPractitioner("12345"), "practitioner"),
                Arguments.of("blank UZI", withPractitioner(""), "practitioner"),
                Arguments.of("unknown kind", withKind("friendship"), "kind"),
                Arguments.of("kind in the wrong case", withKind("Treatment"), "kind"),
                Arguments.of("missing kind", withKind(null), "kind"),
                Arguments.of("missing start", withStart(null), "start"),
                Arguments.of("start that is no date", withStart("1 november 2026"), "start"),
                Arguments.of("start on a day that does not exist", withStart("2026-02-30"), "start"),
                Arguments.of("end that is no date", withEnd("soon"), "end"),
                Arguments.of("end before start", withEnd("2026-10-31"), "end"),
                Arguments.of("replacement without end", withKind("replacement"), "end"));
    }

    private static RelationshipRequest withPatient(String value) {
        return new RelationshipRequest(value, TREATMENT.organization(), TREATMENT.organizationType(), TREATMENT.practitioner(),
                TREATMENT.kind(), TREATMENT.start(), TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withOrganization(String value) {
        return new RelationshipRequest(TREATMENT.patient(), value, TREATMENT.organizationType(), TREATMENT.practitioner(),
                TREATMENT.kind(), TREATMENT.start(), TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withOrganizationType(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), value, TREATMENT.practitioner(),
                TREATMENT.kind(), TREATMENT.start(), TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withPractitioner(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), TREATMENT.organizationType(), value,
                TREATMENT.kind(), TREATMENT.start(), TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withKind(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), TREATMENT.organizationType(),
                TREATMENT.practitioner(), value, TREATMENT.start(), TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withStart(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), TREATMENT.organizationType(),
                TREATMENT.practitioner(), TREATMENT.kind(), value, TREATMENT.end(), TREATMENT.reason());
    }

    private static RelationshipRequest withEnd(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), TREATMENT.organizationType(),
                TREATMENT.practitioner(), TREATMENT.kind(), TREATMENT.start(), value, TREATMENT.reason());
    }

    private static RelationshipRequest withReason(String value) {
        return new RelationshipRequest(TREATMENT.patient(), TREATMENT.organization(), TREATMENT.organizationType(),
                TREATMENT.practitioner(), TREATMENT.kind(), TREATMENT.start(), TREATMENT.end(), value);
    }
}
