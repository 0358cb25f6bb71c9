package nl.inzage.relationship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRequestRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final AccessRequest REQUEST = new AccessRequest("999993653", "00000101", "G3", "900000101", "Check-up");

    @Test
    void accessRequestHoldsFromTodayForTheValidity() {
        RelationshipFacts facts = RelationshipRules.checkAccessRequest(REQUEST, TODAY, Period.ofMonths(12));

        assertThat(facts).isEqualTo(new RelationshipFacts("999993653", "00000101", "G3", "900000101",
                RelationshipKind.ACCESS_REQUEST, TODAY, LocalDate.of(2027, 11, 23), "Check-up"));
    }

    @Test
    void validityIsConfigurable() {
        assertThat(RelationshipRules.checkAccessRequest(REQUEST, TODAY, Period.ofDays(30)).end()).isEqualTo(LocalDate.of(2026, 12, 23));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidAccessRequestIsRefusedNamingTheField(String description, AccessRequest request, String field) {
        assertThatThrownBy(() -> RelationshipRules.checkAccessRequest(request, TODAY, Period.ofMonths(12)))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo(field);
                });
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("no practitioner", new AccessRequest("999993653", "00000101", "G3", null, "Check-up"), "practitioner"),
                Arguments.of("no reason", new AccessRequest("999993653", "00000101", "G3", "900000101", null), "reason"),
                Arguments.of("blank reason", new AccessRequest("999993653", "00000101", "G3", "900000101", " "), "reason"),
                Arguments.of("bad UZI", new AccessRequest("999993653", "00000101", "G3", "9000001", "Check-up"), "practitioner"),
                Arguments.of("bad BSN", new AccessRequest("999993654", "00000101", "G3", "900000101", "Check-up"), "patient"),
                Arguments.of("no BSN", new AccessRequest(null, "00000101", "G3", "900000101", "Check-up"), "patient"),
                Arguments.of("bad URA", new AccessRequest("999993653", "101", "G3", "900000101", "Check-up"), "organization"),
                Arguments.of("no organisation type", new AccessRequest("999993653", "00000101", null, "900000101", "Check-up"),
                        "organizationType"));
    }

    @Test
    void endNeedsADate() {
        assertThatThrownBy(() -> RelationshipRules.checkEnd(new EndRequest(null, "done")))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> assertThat(problem.field()).isEqualTo("end"));
        assertThatThrownBy(() -> RelationshipRules.checkEnd(new EndRequest("2026-13-01", "done")))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> assertThat(problem.field()).isEqualTo("end"));
    }

    @Test
    void endOnTheStartDayIsAllowedTheDayBeforeIsNot() {
        RelationshipEnd end = RelationshipRules.checkEnd(new EndRequest("2026-11-01", " "));
        assertThat(end.reason()).isNull();

        RelationshipRules.requireEndNotBeforeStart(end, LocalDate.of(2026, 11, 1));
        assertThatThrownBy(() -> RelationshipRules.requireEndNotBeforeStart(end, LocalDate.of(2026, 11, 2)))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo("end");
                });
    }
}
