package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.ServiceMessaging;
import nl.inzage.deploy.model.Services;
import nl.inzage.deploy.model.TopicsConf;

/** Strimzi: KRaft node pools, topics equal to the local stack's list, a least-privilege user per service. */
class KafkaRulesTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    private static int expectedNodes(Rendered overlay) {
        return overlay.overlay().equals("production") ? 3 : 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafka_topics_equal_the_local_stacks_topic_list(Rendered overlay) {
        Map<String, String> expected = new TreeMap<>();
        TopicsConf.read().forEach(t -> expected.put(t.name(), t.partitions() + " " + new TreeMap<>(t.configs())));
        Map<String, String> rendered = new TreeMap<>();
        for (KafkaTopic topic : overlay.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
            Map<String, String> configs = new TreeMap<>();
            topic.getSpec().getConfig().forEach((k, v) -> configs.put(k, String.valueOf(v)));
            rendered.put(name, topic.getSpec().getPartitions() + " " + configs);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "inzage");
            assertThat(topic.getSpec().getReplicas()).as(name + " replicas").isEqualTo(expectedNodes(overlay));
        }
        assertThat(rendered).as("KafkaTopics (partitions and configs) vs " + TopicsConf.file()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafka_runs_in_kraft_mode_on_a_node_pool_sized_for_the_overlay(Rendered overlay) {
        Kafka kafka = overlay.require(Kafka.class, "inzage");
        List<KafkaNodePool> pools = overlay.all(KafkaNodePool.class);
        assertThat(pools).allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "inzage"));
        assertThat(pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum()).isEqualTo(expectedNodes(overlay));
        assertThat(pools.stream().filter(p -> p.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum()).isEqualTo(expectedNodes(overlay));
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        int minIsr = Integer.parseInt(String.valueOf(config.get("min.insync.replicas")));
        assertThat(Integer.parseInt(String.valueOf(config.get("default.replication.factor")))).isEqualTo(expectedNodes(overlay));
        assertThat(minIsr).isEqualTo(overlay.overlay().equals("production") ? 2 : 1);
        assertThat(config).containsEntry("auto.create.topics.enable", false);
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void clients_connect_over_tls_with_scram_and_the_broker_authorizes_every_request(Rendered overlay) {
        Kafka kafka = overlay.require(Kafka.class, "inzage");
        assertThat(kafka.getSpec().getKafka().getListeners()).singleElement().satisfies(l -> {
            assertThat(l.isTls()).isTrue();
            assertThat(l.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
            assertThat(l.getPort()).isEqualTo(9093);
        });
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isNotNull();
        for (String svc : Services.ALL) {
            Map<String, String> config = overlay.require(ConfigMap.class, svc + "-config").getData();
            assertThat(config).as(svc).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "inzage-kafka-bootstrap:9093")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_service_has_a_scram_kafka_user_allowed_exactly_the_topics_and_groups_its_configuration_uses(Rendered overlay) {
        List<String> topics = TopicsConf.read().stream().map(TopicsConf.Topic::name).toList();
        assertThat(overlay.all(KafkaUser.class)).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Services.ALL);
        for (String svc : Services.ALL) {
            KafkaUser user = overlay.require(KafkaUser.class, svc);
            ServiceMessaging uses = ServiceMessaging.of(svc);
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();

            List<String> written = new ArrayList<>();
            List<String> read = new ArrayList<>();
            for (AclRule acl : acls) {
                assertThat(acl.getOperation()).as(svc + ": v1 lists operations, never the v1beta2 `operation`").isNull();
                if (acl.getResource() instanceof AclRuleTopicResource topic) {
                    assertThat(topic.getName()).as(svc).isNotEqualTo("*");
                    List<String> covered = topics.stream().filter(t -> covers(topic.getName(), topic.getPatternType(), t)).toList();
                    assertThat(covered).as(svc + ": ACL on " + topic.getName() + " names existing topics").isNotEmpty();
                    if (acl.getOperations().contains(AclOperation.WRITE)) {
                        written.addAll(covered);
                    }
                    if (acl.getOperations().contains(AclOperation.READ)) {
                        assertThat(covered).as(svc + ": a read ACL covers a topic the service consumes")
                                .anyMatch(t -> consumes(uses, t));
                        read.addAll(covered);
                    }
                    assertThat(acl.getOperations()).as(svc + " " + topic.getName())
                            .isSubsetOf(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                } else if (acl.getResource() instanceof AclRuleGroupResource group) {
                    assertThat(acl.getOperations()).containsExactly(AclOperation.READ);
                    assertThat(uses.groups()).as(svc + ": group ACL " + group.getName())
                            .anyMatch(g -> covers(group.getName(), group.getPatternType(), g));
                } else {
                    throw new AssertionError(svc + ": ACL on a resource other than a topic or group: " + acl.getResource());
                }
            }
            assertThat(written).as(svc + " writes").containsExactlyInAnyOrderElementsOf(uses.writes());
            assertThat(read).as(svc + " reads")
                    .containsAll(topics.stream().filter(t -> consumes(uses, t)).toList());
            for (String group : uses.groups()) {
                assertThat(acls).as(svc + " group " + group).anyMatch(a -> a.getResource() instanceof AclRuleGroupResource g
                        && covers(g.getName(), g.getPatternType(), group));
            }
        }
    }

    /**
     * A channel assigned its partitions (the gateway's projections) reads only those it lists: a partition of the
     * topic it does not list would never be read, and the gateway never ready.
     */
    @Test
    void channels_assigned_their_partitions_list_every_partition_of_their_topic() {
        Map<String, Integer> partitions = new TreeMap<>();
        TopicsConf.read().forEach(t -> partitions.put(t.name(), t.partitions()));
        int checked = 0;
        for (String svc : Services.ALL) {
            for (Map.Entry<String, List<Integer>> assigned : ServiceMessaging.of(svc).assignedPartitions().entrySet()) {
                assertThat(partitions).as(svc + ": topic of an assigned channel").containsKey(assigned.getKey());
                List<Integer> all = java.util.stream.IntStream.range(0, partitions.get(assigned.getKey())).boxed().toList();
                assertThat(assigned.getValue()).as(svc + " " + assigned.getKey()).containsExactlyInAnyOrderElementsOf(all);
                checked++;
            }
        }
        assertThat(checked).as("assigned channels found").isGreaterThanOrEqualTo(3);
    }

    @Test
    void the_topic_list_reader_follows_the_rules_in_its_header() {
        var topics = TopicsConf.parse(List.of(
                "# comment", "", "a.b 3 cleanup.policy=compact,delete,retention.ms=1   # trailing", "c 1"));
        assertThat(topics).containsExactly(
                new TopicsConf.Topic("a.b", 3, Map.of("cleanup.policy", "compact,delete", "retention.ms", "1")),
                new TopicsConf.Topic("c", 1, Map.of()));
    }

    /** A group id with a placeholder (access-gateway-${quarkus.uuid}) is covered by a prefix ACL on what precedes it. */
    private static boolean covers(String aclName, AclResourcePatternType type, String name) {
        if (type == AclResourcePatternType.PREFIX) {
            return name.startsWith(aclName);
        }
        return aclName.equals(name);
    }

    private static boolean consumes(ServiceMessaging uses, String topic) {
        return uses.readsLiteral().contains(topic) || uses.readsPattern().stream().anyMatch(p -> p.matcher(topic).matches());
    }
}
