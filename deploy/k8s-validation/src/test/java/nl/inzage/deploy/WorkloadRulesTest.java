package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Services;

/** The operating rules for the four services' workloads, in every overlay. */
class WorkloadRulesTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_service_has_its_deployment_service_account_config_map_and_disruption_budget(Rendered overlay) {
        assertThat(overlay.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Services.ALL);
        for (String svc : Services.ALL) {
            Deployment deployment = overlay.require(Deployment.class, svc);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Service service = overlay.require(Service.class, svc);
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(Services.PORTS.get(svc)));
            assertThat(overlay.named(ServiceAccount.class, svc)).isPresent();
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(svc);
            assertThat(overlay.named(ConfigMap.class, svc + "-config")).as(svc + "-config").isPresent();
            PodDisruptionBudget pdb = overlay.require(PodDisruptionBudget.class, svc);
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_container_is_probed_on_the_quarkus_health_endpoints_of_its_http_port(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            Container c = onlyContainer(d);
            assertThat(c.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(Services.PORTS.get(d.getMetadata().getName()));
            });
            assertHttpProbe(d, "liveness", c.getLivenessProbe(), "/q/health/live");
            assertHttpProbe(d, "readiness", c.getReadinessProbe(), "/q/health/ready");
            assertHttpProbe(d, "startup", c.getStartupProbe(), "/q/health/started");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_container_requests_and_limits_cpu_and_memory_with_requests_within_limits(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            var resources = onlyContainer(d).getResources();
            assertThat(resources.getRequests()).as(d.getMetadata().getName() + " requests").containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as(d.getMetadata().getName() + " limits").containsKeys("cpu", "memory");
            for (String r : List.of("cpu", "memory")) {
                assertThat(resources.getRequests().get(r).getNumericalAmount())
                        .as(d.getMetadata().getName() + " " + r + " request <= limit")
                        .isLessThanOrEqualTo(resources.getLimits().get(r).getNumericalAmount());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_pod_runs_non_root_read_only_without_privileges_and_with_the_runtime_default_seccomp_profile(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " pod runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " automountServiceAccountToken").isFalse();
            var sc = onlyContainer(d).getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
            assertThat(sc.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(sc.getCapabilities().getDrop()).as(name + " capabilities.drop").containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).as(name + " capabilities.add").isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_container_writes_only_to_an_empty_dir_mounted_at_tmp(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            var tmp = onlyContainer(d).getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).toList();
            assertThat(tmp).as(d.getMetadata().getName() + " /tmp mount").singleElement()
                    .satisfies(m -> assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE));
            Volume volume = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(tmp.get(0).getName())).findFirst().orElseThrow();
            assertThat(volume.getEmptyDir()).as(d.getMetadata().getName() + " /tmp is an emptyDir").isNotNull();
            onlyContainer(d).getVolumeMounts().stream().filter(m -> !m.getMountPath().equals("/tmp"))
                    .forEach(m -> assertThat(m.getReadOnly()).as(m.getMountPath() + " read-only").isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_deployment_spreads_its_pods_over_zones(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            var constraints = d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(constraints).as(d.getMetadata().getName())
                    .anySatisfy(t -> {
                        assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                                .containsAllEntriesOf(t.getLabelSelector().getMatchLabels());
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_gateway_is_scaled_by_a_horizontal_pod_autoscaler_and_the_other_services_have_fixed_replicas(Rendered overlay) {
        assertThat(overlay.all(HorizontalPodAutoscaler.class)).singleElement().satisfies(hpa -> {
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("access-gateway");
            assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        });
        // The HPA owns the gateway's replica count: a fixed one would be reset at every apply.
        assertThat(overlay.require(Deployment.class, "access-gateway").getSpec().getReplicas()).isNull();
        for (String svc : List.of("consent-service", "relationship-service", "audit-service")) {
            assertThat(overlay.require(Deployment.class, svc).getSpec().getReplicas()).as(svc).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void production_runs_at_least_two_replicas_of_everything(Rendered overlay) {
        if (!overlay.overlay().equals("production")) {
            return;
        }
        for (String svc : List.of("consent-service", "relationship-service", "audit-service")) {
            assertThat(overlay.require(Deployment.class, svc).getSpec().getReplicas()).as(svc).isGreaterThanOrEqualTo(2);
        }
        assertThat(overlay.require(HorizontalPodAutoscaler.class, "access-gateway").getSpec().getMinReplicas())
                .isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void services_read_credentials_only_from_their_own_secrets(Rendered overlay) {
        for (Deployment d : overlay.all(Deployment.class)) {
            String svc = d.getMetadata().getName();
            Container c = onlyContainer(d);
            List<String> referenced = Stream.concat(
                    c.getEnv().stream().map(EnvVar::getValueFrom).filter(v -> v != null && v.getSecretKeyRef() != null)
                            .map(v -> v.getSecretKeyRef().getName()),
                    c.getEnvFrom().stream().map(EnvFromSource::getSecretRef).filter(r -> r != null).map(r -> r.getName()))
                    .distinct().toList();
            // <svc>-creds is the operator's Secret (<svc>-app-creds a runtime database role's, where the service
            // does not run as the owner); <svc> is the one Strimzi writes for the service's KafkaUser.
            assertThat(referenced).as(svc).contains(svc + "-creds").isSubsetOf(svc + "-creds", svc + "-app-creds", svc);
            assertThat(c.getEnv()).as(svc + ": no literal secret values")
                    .noneMatch(e -> e.getValue() != null && e.getName().matches(".*(PASSWORD|SECRET|TOKEN|JAAS).*"));
        }
    }

    private static void assertHttpProbe(Deployment d, String kind, Probe probe, String path) {
        assertThat(probe).as(d.getMetadata().getName() + " " + kind + " probe").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(d.getMetadata().getName() + " " + kind + " path").isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static Container onlyContainer(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(d.getMetadata().getName() + " containers").hasSize(1);
        return containers.get(0);
    }
}
