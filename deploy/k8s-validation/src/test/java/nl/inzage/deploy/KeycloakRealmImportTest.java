package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Repo;
import nl.inzage.deploy.model.TypedModels;
import nl.inzage.deploy.model.crd.KeycloakOperator;

/**
 * The realm imports come from deploy/local/realm-geboortezorg.json (deploy/k8s/realm-imports.sh):
 * dev carries it whole, production without the demo people, the developer and demo-source clients
 * and every client secret.
 */
class KeycloakRealmImportTest {

    private static final String REGENERATE = " (run deploy/k8s/realm-imports.sh after changing the local realm)";

    @Test
    void the_dev_realm_import_is_the_local_realm_as_it_is() throws Exception {
        assertThat(realmImport("dev")).as("dev realm import" + REGENERATE).isEqualTo(localRealm());
    }

    @Test
    void production_imports_the_realm_without_any_demo_user_or_password() throws Exception {
        JsonNode realm = realmImport("production");
        for (JsonNode user : realm.path("users")) {
            assertThat(user.hasNonNull("serviceAccountClientId"))
                    .as("production user " + user.path("username").asText() + " is a client's service account").isTrue();
            assertThat(user.has("credentials")).as(user.path("username").asText() + " credentials").isFalse();
        }
        List<String> demoLogins = List.of("verloskundige", "gynaecoloog", "kraamverzorgende", "huisarts", "jgz", "client",
                "privacy-officer");
        assertThat(realm.path("users").findValuesAsText("username")).doesNotContainAnyElementsOf(demoLogins);
        assertThat(realm.toString()).doesNotContain("\"password\"").doesNotContain("\"credentials\"");
    }

    @Test
    void production_has_no_client_secret_no_developer_client_and_no_demo_source_system() throws Exception {
        JsonNode realm = realmImport("production");
        List<String> clients = realm.path("clients").findValuesAsText("clientId");
        assertThat(clients).doesNotContain("dev-cli").noneMatch(c -> c.startsWith("source-"));
        assertThat(realm.path("clients")).allSatisfy(c -> {
            assertThat(c.has("secret")).as(c.path("clientId").asText() + " secret").isFalse();
            assertThat(c.path("directAccessGrantsEnabled").asBoolean(false)).as(c.path("clientId").asText()
                    + " password grant").isFalse();
            c.path("redirectUris").forEach(uri -> assertThat(uri.asText()).startsWith("https://"));
        });
        // Every service account user belongs to a client that is still there.
        assertThat(realm.path("users").findValuesAsText("serviceAccountClientId")).isSubsetOf(clients);
    }

    @Test
    void production_keeps_the_rest_of_the_local_realm_roles_mappers_and_user_profile() throws Exception {
        ObjectNode local = (ObjectNode) localRealm();
        ObjectNode production = (ObjectNode) realmImport("production").deepCopy();
        Set<String> changed = Set.of("users", "clients", "bruteForceProtected", "displayName");
        changed.forEach(local::remove);
        changed.forEach(production::remove);
        assertThat(production).as("production realm besides users, clients and hardening" + REGENERATE).isEqualTo(local);
        JsonNode localViewer = clientOf(localRealm(), "viewer");
        JsonNode productionViewer = clientOf(realmImport("production"), "viewer");
        assertThat(productionViewer.path("protocolMappers")).isEqualTo(localViewer.path("protocolMappers"));
        assertThat(realmImport("production").path("bruteForceProtected").asBoolean()).isTrue();
    }

    @Test
    void each_overlay_imports_into_the_keycloak_it_deploys() {
        for (String overlay : List.of("dev", "production")) {
            Rendered rendered = Rendered.of(overlay);
            var realmImport = rendered.require(KeycloakOperator.KeycloakRealmImport.class, "geboortezorg");
            assertThat(rendered.named(KeycloakOperator.Keycloak.class, realmImport.spec().keycloakCRName())).isPresent();
            assertThat(realmImport.spec().realm().getRealm()).isEqualTo("geboortezorg");
        }
    }

    private static JsonNode clientOf(JsonNode realm, String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static JsonNode localRealm() throws Exception {
        return new ObjectMapper().readTree(Files.readString(Repo.root().resolve("deploy/local/realm-geboortezorg.json")));
    }

    private static JsonNode realmImport(String overlay) {
        return Rendered.of(overlay).nodes().stream()
                .filter(n -> TypedModels.kindOf(n).equals("k8s.keycloak.org/v2alpha1 KeycloakRealmImport"))
                .findFirst().orElseThrow().path("spec").path("realm");
    }
}
