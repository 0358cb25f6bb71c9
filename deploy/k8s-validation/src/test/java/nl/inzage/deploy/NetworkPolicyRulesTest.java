package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Services;
import nl.inzage.deploy.model.crd.CloudNativePg;

/** Default deny; each workload gets exactly the traffic issue 9 names. */
class NetworkPolicyRulesTest {

    private static final Map<String, String> INGRESS_CONTROLLER = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
    private static final Map<String, String> MONITORING = Map.of("kubernetes.io/metadata.name", "monitoring");

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void all_traffic_is_denied_by_default_and_every_pod_may_resolve_names(Rendered overlay) {
        NetworkPolicy deny = overlay.require(NetworkPolicy.class, "default-deny");
        assertThat(selectsEverything(deny.getSpec().getPodSelector())).isTrue();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        NetworkPolicy dns = overlay.require(NetworkPolicy.class, "allow-dns");
        assertThat(selectsEverything(dns.getSpec().getPodSelector())).isTrue();
        assertThat(dns.getSpec().getEgress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactlyInAnyOrder("UDP/53", "TCP/53"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_deployment_and_database_is_covered_by_a_policy_of_its_own_for_ingress_and_egress(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(ownPolicies(overlay, labels)).as(d.getMetadata().getName())
                    .anySatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress"));
        }
        for (CloudNativePg.Cluster c : overlay.all(CloudNativePg.Cluster.class)) {
            assertThat(ownPolicies(overlay, Map.of("cnpg.io/cluster", c.metadata().getName()))).as(c.metadata().getName())
                    .anySatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void of_the_services_only_the_gateway_is_reachable_from_the_ingress_controller(Rendered overlay) {
        for (String svc : Services.ALL) {
            boolean fromIngress = ingressPeers(ownPolicies(overlay, podLabels(overlay, svc)))
                    .anyMatch(peer -> selects(peer.getNamespaceSelector(), INGRESS_CONTROLLER));
            assertThat(fromIngress).as(svc + " reachable from the ingress controller").isEqualTo(svc.equals("access-gateway"));
            // Nothing else from outside the namespace but Prometheus.
            assertThat(ingressPeers(ownPolicies(overlay, podLabels(overlay, svc))).filter(p -> p.getNamespaceSelector() != null))
                    .as(svc).allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                            .isIn(INGRESS_CONTROLLER, MONITORING));
            assertThat(ingressPeers(ownPolicies(overlay, podLabels(overlay, svc)))).as(svc)
                    .noneMatch(peer -> peer.getIpBlock() != null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void consent_and_relationship_service_take_calls_from_the_gateway_only(Rendered overlay) {
        for (String svc : List.of("consent-service", "relationship-service", "audit-service")) {
            assertThat(ingressPeers(ownPolicies(overlay, podLabels(overlay, svc))).filter(p -> p.getPodSelector() != null))
                    .as(svc).allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .isEqualTo(Map.of("app.kubernetes.io/name", "access-gateway")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void services_reach_only_kafka_their_own_database_and_keycloak(Rendered overlay) {
        for (var entry : Services.DATABASE_CLUSTERS.entrySet()) {
            List<Map<String, String>> targets = egressPeers(ownPolicies(overlay, podLabels(overlay, entry.getKey())))
                    .map(peer -> {
                        assertThat(peer.getNamespaceSelector()).as(entry.getKey() + " egress stays in the namespace").isNull();
                        assertThat(peer.getIpBlock()).as(entry.getKey() + " egress to addresses").isNull();
                        return peer.getPodSelector().getMatchLabels();
                    })
                    .distinct().toList();
            assertThat(targets).as(entry.getKey()).containsExactlyInAnyOrder(
                    Map.of("strimzi.io/cluster", "inzage", "strimzi.io/broker-role", "true"),
                    Map.of("cnpg.io/cluster", entry.getValue()),
                    Map.of("app.kubernetes.io/instance", "keycloak"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_gateway_reaches_kafka_keycloak_the_services_it_calls_and_the_data_holders_fhir_endpoints(Rendered overlay) {
        List<NetworkPolicyPeer> peers = egressPeers(ownPolicies(overlay, podLabels(overlay, "access-gateway"))).toList();
        assertThat(peers.stream().map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(LabelSelector::getMatchLabels)).containsExactlyInAnyOrder(
                Map.of("strimzi.io/cluster", "inzage", "strimzi.io/broker-role", "true"),
                Map.of("app.kubernetes.io/instance", "keycloak"),
                Map.of("app.kubernetes.io/name", "consent-service"),
                Map.of("app.kubernetes.io/name", "relationship-service"),
                // The client portal's access log (GET /audit/me with her token).
                Map.of("app.kubernetes.io/name", "audit-service"));
        assertThat(peers).filteredOn(p -> p.getIpBlock() != null).isNotEmpty()
                .allSatisfy(p -> assertThat(p.getIpBlock().getCidr()).isNotEqualTo("0.0.0.0/0"));
        assertThat(peers.stream().map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                .map(LabelSelector::getMatchLabels)).noneMatch(l -> l.containsKey("cnpg.io/cluster"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_database_takes_connections_only_from_its_own_service_and_its_own_instances(Rendered overlay) {
        for (var entry : Services.DATABASE_CLUSTERS.entrySet()) {
            List<Map<String, String>> clients = ingressPeers(ownPolicies(overlay, Map.of("cnpg.io/cluster", entry.getValue())))
                    .filter(p -> p.getPodSelector() != null).map(p -> p.getPodSelector().getMatchLabels()).toList();
            assertThat(clients).as(entry.getValue()).containsExactlyInAnyOrder(
                    Map.of("app.kubernetes.io/name", entry.getKey()), Map.of("cnpg.io/cluster", entry.getValue()));
        }
    }

    private static Map<String, String> podLabels(Rendered overlay, String deployment) {
        return overlay.require(Deployment.class, deployment).getSpec().getTemplate().getMetadata().getLabels();
    }

    /** The policies that select pods with these labels, other than the namespace-wide ones. */
    private static List<NetworkPolicy> ownPolicies(Rendered overlay, Map<String, String> labels) {
        return overlay.all(NetworkPolicy.class).stream()
                .filter(p -> !selectsEverything(p.getSpec().getPodSelector()))
                .filter(p -> selects(p.getSpec().getPodSelector(), labels))
                .toList();
    }

    private static Stream<NetworkPolicyPeer> ingressPeers(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(p -> p.getSpec().getIngress().stream()).flatMap(r -> r.getFrom().stream());
    }

    private static Stream<NetworkPolicyPeer> egressPeers(List<NetworkPolicy> policies) {
        return policies.stream().flatMap(p -> p.getSpec().getEgress().stream()).flatMap(r -> r.getTo().stream());
    }

    private static boolean selectsEverything(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        assertThat(selector.getMatchExpressions()).as("policies here select by matchLabels only").isNullOrEmpty();
        return selector.getMatchLabels() != null && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
