package nl.inzage.deploy.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import nl.inzage.deploy.model.crd.CloudNativePg;
import nl.inzage.deploy.model.crd.KeycloakOperator;

/**
 * The typed model of every kind the manifests may hold, and a strict reader: an object parses only
 * when each of its fields is one its model knows.
 *
 * <p>fabric8's and Strimzi's model classes keep unknown fields in an "additionalProperties" map
 * (a Jackson any-setter) instead of failing; the introspector below switches that off, and
 * ignoreUnknown with it, so a misspelt or misplaced field is an error with its JSON path.
 */
public final class TypedModels {

    /** "apiVersion kind" to model class. A kind missing here is itself a failure. */
    public static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ServiceAccount", ServiceAccount.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Secret", Secret.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1 ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1 PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1 PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1 Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1 KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1 KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1 KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1 Cluster", CloudNativePg.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1 ScheduledBackup", CloudNativePg.ScheduledBackup.class),
            Map.entry("barmancloud.cnpg.io/v1 ObjectStore", CloudNativePg.ObjectStore.class),
            Map.entry("k8s.keycloak.org/v2alpha1 Keycloak", KeycloakOperator.Keycloak.class),
            Map.entry("k8s.keycloak.org/v2alpha1 KeycloakRealmImport", KeycloakOperator.KeycloakRealmImport.class));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    JsonIgnoreProperties.Value declared = super.findPropertyIgnoralByName(config, a);
                    return declared.withoutIgnoreUnknown();
                }
            })
            .build();

    private TypedModels() {
    }

    public static String kindOf(JsonNode node) {
        return node.path("apiVersion").asText() + " " + node.path("kind").asText();
    }

    /** The object in its typed model; an AssertionError naming the object and the offending field otherwise. */
    public static Object parse(JsonNode node) {
        Class<?> type = KINDS.get(kindOf(node));
        String name = kindOf(node) + " " + node.path("metadata").path("name").asText("<no name>");
        if (type == null) {
            throw new AssertionError(name + ": no typed model for this apiVersion and kind");
        }
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(name + " does not match its model " + type.getName() + ": " + e.getOriginalMessage()
                    + " at " + e.getLocation() + " path " + pathOf(e), e);
        }
    }

    private static String pathOf(JsonProcessingException e) {
        return e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : "?";
    }

    public static <T> T parse(JsonNode node, Class<T> type) {
        return type.cast(parse(node));
    }
}
