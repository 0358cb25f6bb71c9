package nl.inzage.relationship.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.RelationshipProblem;
import nl.inzage.relationship.RelationshipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelationshipRequestReaderTest {

    private final RelationshipRequestReader reader = new RelationshipRequestReader(new ObjectMapper());

    @Test
    void readsEveryMemberAsText() {
        RelationshipRequest request = reader.read(Fixtures.body(Fixtures.TREATMENT));

        assertThat(request).isEqualTo(new RelationshipRequest("999993653", "00000101", "G3", "900000101",
                "treatment", "2026-11-01", null, "Intake first trimester"));
    }

    @Test
    void nullMemberMeansNotGiven() {
        assertThat(reader.read(Fixtures.with("practitioner", "null")).practitioner()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void unreadableBodyIsRefusedAsBadRequest(String description, String body, String field) {
        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo(field);
                    if (field != null) {
                        assertThat(problem.getMessage()).contains(field);
                    }
                });
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("empty body", "", null),
                Arguments.of("truncated JSON", "{\"patient\": \"999993653\"", null),
                Arguments.of("not JSON at all", "patient=999993653", null),
                Arguments.of("JSON array", "[]", null),
                Arguments.of("JSON string", "\"treatment\"", null),
                Arguments.of("trailing content", Fixtures.body(Fixtures.TREATMENT) + " {}", null),
                Arguments.of("member given twice", "{\"kind\": \"treatment\", \"kind\": \"referral\"}", null),
                Arguments.of("BSN as a number", Fixtures.with("patient", "999993653"), "patient"),
                Arguments.of("URA as a number", Fixtures.with("organization", "101"), "organization"),
                Arguments.of("start as an array", Fixtures.with("start", "[\"2026-11-01\"]"), "start"),
                Arguments.of("kind as an object", Fixtures.with("kind", "{\"code\": \"treatment\"}"), "kind"),
                Arguments.of("reason as a boolean", Fixtures.with("reason", "true"), "reason"),
                Arguments.of("misspelt member", Fixtures.with("organisation", "\"00000101\""), "organisation"));
    }
}
