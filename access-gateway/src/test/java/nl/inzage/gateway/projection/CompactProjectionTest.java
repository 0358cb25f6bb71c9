package nl.inzage.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.gateway.decision.ConsentState;
import nl.inzage.gateway.decision.RelationshipState;
import org.junit.jupiter.api.Test;

/** The projections keep values equal while sharing the repeated ones, as events read from JSON would not. */
class CompactProjectionTest {

    private static final String CLIENT = "999993653";
    private static final String OTHER_CLIENT = "999990019";
    private static final String HOLDER = "00000101";

    @Test
    void consentRulesAreKeptEqualToTheEventsRules() {
        ConsentProjection projection = new ConsentProjection();
        List<ConsentRule> rules = new ArrayList<>(List.of(
                new ConsentRule("permit", null, "V4", null, new ArrayList<>(List.of("ultrasound", "lab-results"))),
                new ConsentRule("deny", "00000201", null, null, new ArrayList<>()),
                new ConsentRule("permit", null, null, "RPZAC104", null)));

        projection.apply(consent(CLIENT, "active", 1, rules));

        ConsentState state = projection.find(CLIENT, HOLDER);
        assertThat(state.rules()).isEqualTo(rules);
        assertThat(state.rules().get(2).dataCategories()).isNull();
        assertThat(state.status()).isEqualTo("active");
    }

    @Test
    void repeatedValuesOfDifferentEventsAreOneSharedInstance() {
        ConsentProjection projection = new ConsentProjection();
        projection.apply(consent(CLIENT, fresh("active"), 1, List.of(new ConsentRule(fresh("permit"), null, fresh("V4"), null,
                List.of(fresh("ultrasound"))))));
        projection.apply(consent(OTHER_CLIENT, fresh("active"), 2, List.of(new ConsentRule(fresh("permit"), null, fresh("V4"), null,
                List.of(fresh("ultrasound"))))));

        ConsentState first = projection.find(CLIENT, HOLDER);
        ConsentState second = projection.find(OTHER_CLIENT, HOLDER);
        assertThat(second.status()).isSameAs(first.status());
        assertThat(second.rules().get(0).effect()).isSameAs(first.rules().get(0).effect());
        assertThat(second.rules().get(0).organizationType()).isSameAs(first.rules().get(0).organizationType());
        assertThat(second.rules().get(0).dataCategories().get(0)).isSameAs(first.rules().get(0).dataCategories().get(0));
    }

    @Test
    void aCategoryListWithANullElementIsNotWidenedToAllCategories() {
        ConsentProjection projection = new ConsentProjection();
        projection.apply(consent(CLIENT, "active", 1,
                List.of(new ConsentRule("permit", null, null, null, Arrays.asList("ultrasound", null)))));

        assertThat(projection.find(CLIENT, HOLDER).rules().get(0).dataCategories()).containsExactly("ultrasound", null);
    }

    @Test
    void anOlderRevisionDoesNotReplaceANewerConsent() {
        ConsentProjection projection = new ConsentProjection();
        projection.apply(consent(CLIENT, "inactive", 5, List.of()));
        projection.apply(consent(CLIENT, "active", 4, List.of(new ConsentRule("permit", null, null, null, List.of()))));

        assertThat(projection.find(CLIENT, HOLDER).status()).isEqualTo("inactive");
    }

    @Test
    void relationshipValuesAreKeptEqualAndShared() {
        RelationshipProjection projection = new RelationshipProjection();
        projection.apply(relationship(CLIENT, "relationship-1", fresh("00000201"), fresh("900000201"), 1));
        projection.apply(relationship(OTHER_CLIENT, "relationship-2", fresh("00000201"), fresh("900000201"), 2));

        RelationshipState first = projection.forPatient(CLIENT).iterator().next();
        RelationshipState second = projection.forPatient(OTHER_CLIENT).iterator().next();
        assertThat(first).isEqualTo(new RelationshipState("relationship-1", 1, "00000201", "900000201", "treatment", "active",
                LocalDate.of(2026, 1, 5), null));
        assertThat(second.organization()).isSameAs(first.organization());
        assertThat(second.practitioner()).isSameAs(first.practitioner());
        assertThat(second.kind()).isSameAs(first.kind());
    }

    /** A new String instance, as Jackson creates for every value it reads. */
    private static String fresh(String value) {
        return new String(value.toCharArray());
    }

    private static ConsentChanged consent(String client, String status, long revision, List<ConsentRule> rules) {
        return new ConsentChanged("event-" + revision, "consent-" + client, 1, revision, Instant.parse("2026-11-23T10:00:00Z"),
                new Actor("source-system", "source", HOLDER), "source-system", status, client, fresh(HOLDER), rules, "{}");
    }

    private static RelationshipChanged relationship(String client, String id, String organization, String practitioner, long revision) {
        return new RelationshipChanged("event-" + revision, id, 1, revision, Instant.parse("2026-11-23T10:00:00Z"),
                new Actor("source-system", "source", organization), client, organization, "V4", practitioner, fresh("treatment"),
                fresh("active"), LocalDate.of(2026, 1, 5), null, "intake");
    }
}
