package nl.inzage.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The combination rules of DOMAIN.md, case by case. Requester: URA 00000201, type V4, category ultrasound. */
class ConsentRulesTest {

    private static final String ORG = "00000201";
    private static final String OTHER_ORG = "00000301";

    private static ConsentRule permit(String organization, String type, String... categories) {
        return new ConsentRule(ConsentRule.PERMIT, organization, type, null, List.of(categories));
    }

    private static ConsentRule deny(String organization, String type, String... categories) {
        return new ConsentRule(ConsentRule.DENY, organization, type, null, List.of(categories));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no consent is no choice yet, not a permit", null, List.of(), ConsentOutcome.NO_CHOICE),
                Arguments.of("draft is no choice yet", "draft", List.of(permit(null, null)), ConsentOutcome.NO_CHOICE),
                Arguments.of("proposed is no choice yet", "proposed", List.of(permit(null, null)), ConsentOutcome.NO_CHOICE),
                Arguments.of("withdrawn", "inactive", List.of(permit(null, null)), ConsentOutcome.WITHDRAWN),
                Arguments.of("refused", "rejected", List.of(), ConsentOutcome.REFUSED),
                Arguments.of("active without rules permits nothing", "active", List.of(), ConsentOutcome.NO_MATCHING_PERMIT),
                Arguments.of("network permit", "active", List.of(permit(null, null)), ConsentOutcome.PERMIT),
                Arguments.of("network deny", "active", List.of(deny(null, null)), ConsentOutcome.DENY),
                Arguments.of("deny wins over permit at network level", "active", List.of(permit(null, null), deny(null, null)), ConsentOutcome.DENY),
                Arguments.of("organisation deny beats network permit", "active", List.of(permit(null, null), deny(ORG, null)), ConsentOutcome.DENY),
                Arguments.of("organisation permit beats network deny", "active", List.of(deny(null, null), permit(ORG, null)), ConsentOutcome.PERMIT),
                Arguments.of("type deny beats network permit", "active", List.of(permit(null, null), deny(null, "V4")), ConsentOutcome.DENY),
                Arguments.of("organisation permit beats type deny", "active", List.of(deny(null, "V4"), permit(ORG, null)), ConsentOutcome.PERMIT),
                Arguments.of("organisation deny beats type permit", "active", List.of(permit(null, "V4"), deny(ORG, null)), ConsentOutcome.DENY),
                Arguments.of("deny wins at equal organisation level", "active", List.of(permit(ORG, null), deny(ORG, null)), ConsentOutcome.DENY),
                Arguments.of("rule for another organisation does not apply", "active", List.of(permit(null, null), deny(OTHER_ORG, null)), ConsentOutcome.PERMIT),
                Arguments.of("rule for another type does not apply", "active", List.of(permit(null, null), deny(null, "K4")), ConsentOutcome.PERMIT),
                Arguments.of("only a permit for another organisation: no permit", "active", List.of(permit(OTHER_ORG, null)), ConsentOutcome.NO_MATCHING_PERMIT),
                Arguments.of("excluded category beats network permit", "active", List.of(permit(null, null), deny(null, null, "ultrasound")), ConsentOutcome.DENY),
                Arguments.of("exclusion of another category does not apply", "active", List.of(permit(null, null), deny(null, null, "psychosocial")), ConsentOutcome.PERMIT),
                Arguments.of("included category beats network deny", "active", List.of(deny(null, null), permit(null, null, "ultrasound")), ConsentOutcome.PERMIT),
                Arguments.of("organisation-wide deny beats network category permit", "active", List.of(permit(null, null, "ultrasound"), deny(ORG, null)), ConsentOutcome.DENY),
                Arguments.of("organisation category permit beats organisation deny", "active", List.of(deny(ORG, null), permit(ORG, null, "ultrasound")), ConsentOutcome.PERMIT),
                Arguments.of("provider-category rules do not match a requester yet", "active",
                        List.of(new ConsentRule(ConsentRule.PERMIT, null, null, "RPZAC104", List.of())), ConsentOutcome.NO_MATCHING_PERMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void combinesAsTheGenericFunctionConsent(String name, String status, List<ConsentRule> rules, ConsentOutcome expected) {
        assertThat(ConsentRules.evaluate(status, rules, ORG, "V4", "ultrasound")).as(name).isEqualTo(expected);
    }
}
