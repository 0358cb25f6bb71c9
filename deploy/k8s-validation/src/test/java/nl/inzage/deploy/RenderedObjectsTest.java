package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.StrimziApiVersions;
import nl.inzage.deploy.model.TypedModels;

class RenderedObjectsTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_rendered_object_parses_into_its_typed_model_without_unknown_fields(Rendered overlay) {
        assertThat(overlay.nodes()).hasSizeGreaterThan(50);
        for (JsonNode node : overlay.nodes()) {
            assertThat(TypedModels.parse(node)).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void strimzi_resources_use_only_fields_of_the_api_version_they_declare(Rendered overlay) {
        for (JsonNode node : overlay.nodes()) {
            if (node.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                String version = node.path("apiVersion").asText().substring("kafka.strimzi.io/".length());
                assertThat(version).isEqualTo("v1");
                assertThat(StrimziApiVersions.absentIn(version, node, TypedModels.parse(node)))
                        .as(TypedModels.kindOf(node) + " " + node.path("metadata").path("name").asText()).isEmpty();
            }
        }
    }

    @Test
    void a_strimzi_field_that_api_version_v1_dropped_is_found() throws Exception {
        JsonNode user = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: u}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operation: Read
                """);
        assertThat(StrimziApiVersions.absentIn("v1", user, TypedModels.parse(user)))
                .containsExactly(".spec.authorization.acls[0].operation");
        assertThat(StrimziApiVersions.absentIn("v1beta2", user, TypedModels.parse(user))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_object_lives_in_the_inzage_namespace(Rendered overlay) {
        for (JsonNode node : overlay.nodes()) {
            if (!"Namespace".equals(node.path("kind").asText())) {
                assertThat(node.path("metadata").path("namespace").asText())
                        .as(TypedModels.kindOf(node) + " " + node.path("metadata").path("name").asText())
                        .isEqualTo("inzage");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_kind_the_issue_asks_for_is_rendered(Rendered overlay) {
        List<String> kinds = overlay.nodes().stream().map(TypedModels::kindOf).distinct().toList();
        assertThat(kinds).containsAll(TypedModels.KINDS.keySet().stream().filter(k -> !k.equals("v1 Secret")).toList());
    }

    @Test
    void a_misspelt_field_in_a_kubernetes_object_is_rejected() throws Exception {
        JsonNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          image: example/app:1.0
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}, periodSecond: 5}
                """);
        assertThatThrownBy(() -> TypedModels.parse(deployment))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("periodSecond");
    }

    @Test
    void a_misplaced_field_in_a_strimzi_resource_is_rejected() throws Exception {
        JsonNode topic = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 1, replicas: 1, cleanup.policy: compact}
                """);
        assertThatThrownBy(() -> TypedModels.parse(topic)).hasMessageContaining("cleanup.policy");
    }

    @Test
    void a_misspelt_field_in_a_cloudnativepg_cluster_or_in_a_realm_is_rejected() throws Exception {
        JsonNode cluster = yaml("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: c}
                spec: {instances: 1, storage: {sise: 1Gi}}
                """);
        assertThatThrownBy(() -> TypedModels.parse(cluster)).hasMessageContaining("sise");
        JsonNode realm = yaml("""
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata: {name: r}
                spec: {keycloakCRName: keycloak, realm: {realm: r, userz: []}}
                """);
        assertThatThrownBy(() -> TypedModels.parse(realm)).hasMessageContaining("userz");
    }

    @Test
    void a_kind_without_a_typed_model_is_rejected() throws Exception {
        JsonNode unknown = yaml("""
                apiVersion: example.org/v1
                kind: Gadget
                metadata: {name: g}
                """);
        assertThatThrownBy(() -> TypedModels.parse(unknown)).hasMessageContaining("no typed model");
    }

    private static JsonNode yaml(String text) throws Exception {
        return new YAMLMapper().readTree(text);
    }
}
