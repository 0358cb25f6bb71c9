package nl.inzage.relationship.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.inzage.relationship.Fixtures;
import nl.inzage.relationship.RelationshipKind;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Readout;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Refused;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Unreadable;
import nl.inzage.relationship.inbound.InboundRelationshipReader.Write;
import nl.inzage.relationship.rest.RelationshipRequestReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundRelationshipReaderTest {

    private final InboundRelationshipReader reader = new InboundRelationshipReader(
            new RelationshipRequestReader(new ObjectMapper()), new ObjectMapper());

    @Test
    void validRegistrationIsAWrite() {
        Readout readout = reader.read("input-1", Fixtures.body(Fixtures.TREATMENT));

        assertThat(readout).isInstanceOfSatisfying(Write.class,
                write -> assertThat(write.facts().kind()).isEqualTo(RelationshipKind.TREATMENT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no value | | empty",
            "blank value | '  ' | empty",
            "not JSON | patient=999993653 | not-json",
            "two JSON documents | {} {} | not-json",
            "JSON array | [] | not-object",
            "JSON string | \"treatment\" | not-object"})
    void valueThatIsNoJsonObjectIsUnreadable(String description, String value, String code) {
        assertThat(reader.read("input-1", value)).isInstanceOfSatisfying(Unreadable.class,
                unreadable -> assertThat(unreadable.code()).isEqualTo(code));
    }

    @Test
    void ceIdWithControlCharactersIsUnreadable() {
        assertThat(reader.read("input\n1", Fixtures.body(Fixtures.TREATMENT))).isInstanceOfSatisfying(Unreadable.class,
                unreadable -> assertThat(unreadable.code()).isEqualTo("bad-ce-id"));
    }

    @Test
    void invalidRegistrationIsRefusedWithTheRestPathsProblem() {
        assertThat(reader.read("input-1", Fixtures.with("patient", "\"999993654\""))).isInstanceOfSatisfying(Refused.class,
                refused -> {
                    assertThat(refused.problem().status()).isEqualTo(400);
                    assertThat(refused.problem().field()).isEqualTo("patient");
                });
        assertThat(reader.read("input-2", Fixtures.with("organisation", "\"00000101\""))).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.problem().field()).isEqualTo("organisation"));
    }
}
