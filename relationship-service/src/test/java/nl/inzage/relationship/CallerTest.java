package nl.inzage.relationship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerTest {

    private static final Caller SOURCE_101 = new Caller("source-00000101", true, false, false, "00000101", null);
    private static final Caller CLIENT = new Caller("client", false, true, false, null, "999993653");
    private static final Caller SERVICE = new Caller("access-gateway", false, false, true, null, null);

    @Test
    void sourceSystemSearchIsNarrowedToItsOwnOrganisation() {
        assertThat(SOURCE_101.scope(RelationshipQuery.of("999993653", null, null)).organizationUra()).isEqualTo("00000101");
        assertThat(SOURCE_101.scope(RelationshipQuery.of("999993653", "00000101", "true")))
                .isEqualTo(new RelationshipQuery("999993653", "00000101", true));
    }

    @Test
    void sourceSystemAskingForAnotherOrganisationIsForbidden() {
        assertThatThrownBy(() -> SOURCE_101.scope(RelationshipQuery.of("999993653", "00000201", null)))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> assertThat(problem.status()).isEqualTo(403));
    }

    @Test
    void clientSearchesOnlyHerOwn() {
        assertThat(CLIENT.scope(RelationshipQuery.of("999993653", "00000201", null)).organizationUra()).isEqualTo("00000201");
        assertThatThrownBy(() -> CLIENT.scope(RelationshipQuery.of("999990019", null, null)))
                .isInstanceOfSatisfying(RelationshipProblem.class, problem -> assertThat(problem.status()).isEqualTo(403));
    }

    @Test
    void serviceSearchesAnything() {
        RelationshipQuery query = RelationshipQuery.of("999990019", null, "false");
        assertThat(SERVICE.scope(query)).isEqualTo(query);
    }

    @Test
    void onlyTheOrganisationsSourceSystemEnds() {
        assertThat(SOURCE_101.mayEnd("00000101")).isTrue();
        assertThat(SOURCE_101.mayEnd("00000201")).isFalse();
        assertThat(CLIENT.mayEnd("00000101")).isFalse();
        assertThat(SERVICE.mayEnd("00000101")).isFalse();
    }

    @Test
    void inboundSourceActsForTheTopicsOrganisation() {
        Caller source = Caller.inboundSource("relationship.inbound.00000301", "00000301");
        assertThat(source.actor().id()).isEqualTo("kafka:relationship.inbound.00000301");
        assertThat(source.actor().organization()).isEqualTo("00000301");
        assertThat(source.mayEnd("00000301")).isTrue();
    }
}
