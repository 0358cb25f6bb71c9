package nl.inzage.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.inzage.gateway.web.ConsentEdits.Target;
import org.junit.jupiter.api.Test;

class ConsentEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode demoConsent(String ura) throws Exception {
        return JSON.readTree(Files.readString(Path.of("../deploy/local/demo/consent-" + ura + ".json")));
    }

    @Test
    void withdrawSetsInactiveAndKeepsEverythingElse() throws Exception {
        JsonNode consent = demoConsent("00000201");
        JsonNode withdrawn = ConsentEdits.withdraw(consent);
        assertThat(withdrawn.path("status").asText()).isEqualTo("inactive");
        assertThat(withdrawn.path("provision")).isEqualTo(consent.path("provision"));
        assertThat(withdrawn.path("extension")).isEqualTo(consent.path("extension"));
        assertThat(consent.path("status").asText()).as("the original is not changed").isEqualTo("active");
    }

    @Test
    void givingAgainMakesARefusalAPermit() throws Exception {
        var refused = ConsentEdits.withdraw(demoConsent("00000101"));
        refused.put("status", "rejected");
        ((com.fasterxml.jackson.databind.node.ObjectNode) refused.get("provision")).put("type", "deny");
        JsonNode given = ConsentEdits.giveAgain(refused);
        assertThat(given.path("status").asText()).isEqualTo("active");
        assertThat(given.path("provision").path("type").asText()).isEqualTo("permit");
    }

    @Test
    void excludingAddsOneNestedDenyPerTargetAndNotTwice() throws Exception {
        JsonNode consent = demoConsent("00000101");
        JsonNode once = ConsentEdits.exclude(consent, Target.ORGANIZATION_TYPE, "Z3");
        JsonNode twice = ConsentEdits.exclude(once, Target.ORGANIZATION_TYPE, "Z3");
        assertThat(twice).isEqualTo(once);
        JsonNode nested = once.path("provision").path("provision");
        JsonNode deny = nested.get(nested.size() - 1);
        assertThat(deny.path("type").asText()).isEqualTo("deny");
        assertThat(deny.path("actor").path(0).path("role").path("coding").path(0).path("code").asText()).isEqualTo("IRCP");
        assertThat(deny.path("actor").path(0).path("reference").path("identifier").path("system").asText())
                .isEqualTo("http://nictiz.nl/fhir/NamingSystem/organization-type");
        assertThat(ConsentEdits.targetOf(deny)).isEqualTo(Target.ORGANIZATION_TYPE);
        assertThat(ConsentEdits.valueOf(deny)).isEqualTo("Z3");

        JsonNode category = ConsentEdits.exclude(consent, Target.CATEGORY, "medication").path("provision").path("provision");
        JsonNode categoryDeny = category.get(category.size() - 1);
        assertThat(ConsentEdits.categoriesOf(categoryDeny)).containsExactly("medication");
        assertThat(ConsentEdits.targetOf(categoryDeny)).isEqualTo(Target.CATEGORY);

        JsonNode organization = ConsentEdits.exclude(consent, Target.ORGANIZATION, "00000501").path("provision").path("provision");
        assertThat(ConsentEdits.valueOf(organization.get(organization.size() - 1))).isEqualTo("00000501");
    }

    @Test
    void allowingAgainRemovesOnlyADeny() throws Exception {
        JsonNode hospital = demoConsent("00000201");
        assertThat(ConsentEdits.allowAgain(hospital, 0).path("provision").path("provision").size()).isZero();
        assertThatThrownBy(() -> ConsentEdits.allowAgain(hospital, 1)).isInstanceOf(IllegalArgumentException.class);
        JsonNode withPermit = JSON.readTree("{\"provision\":{\"type\":\"deny\",\"provision\":[{\"type\":\"permit\"}]}}");
        assertThatThrownBy(() -> ConsentEdits.allowAgain(withPermit, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
