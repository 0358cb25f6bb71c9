package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Services;

class MonitoringRulesTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void prometheus_scrapes_the_metrics_endpoint_of_every_service(Rendered overlay) {
        ServiceMonitor monitor = overlay.all(ServiceMonitor.class).get(0);
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo("http");
            assertThat(e.getPath()).isEqualTo("/q/metrics");
        });
        var expression = monitor.getSpec().getSelector().getMatchExpressions().get(0);
        for (String svc : Services.ALL) {
            String name = overlay.require(Service.class, svc).getMetadata().getLabels().get(expression.getKey());
            assertThat(expression.getValues()).as(svc).contains(name);
            assertThat(overlay.require(Service.class, svc).getSpec().getPorts().get(0).getName()).isEqualTo("http");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void prometheus_scrapes_the_kafka_exporter_the_lag_and_dead_letter_alerts_read(Rendered overlay) {
        assertThat(overlay.require(Kafka.class, "inzage").getSpec().getKafkaExporter()).isNotNull();
        PodMonitor exporter = overlay.require(PodMonitor.class, "inzage-kafka-exporter");
        Map<String, String> exporterPods = exporter.getSpec().getSelector().getMatchLabels();
        assertThat(exporterPods).containsEntry("strimzi.io/name", "inzage-kafka-exporter");
        assertThat(exporter.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.getPort()).isEqualTo("tcp-prometheus"));
        NetworkPolicy allowed = overlay.require(NetworkPolicy.class, "kafka-exporter");
        assertThat(allowed.getSpec().getPodSelector().getMatchLabels()).isEqualTo(exporterPods);
        assertThat(allowed.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9404));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_alerts_that_matter_are_defined(Rendered overlay) {
        List<String> expressions = overlay.all(PrometheusRule.class).stream()
                .flatMap(r -> r.getSpec().getGroups().stream()).flatMap(g -> g.getRules().stream())
                .map(Rule::getExpr).map(e -> e.getStrVal()).toList();
        assertThat(expressions)
                .anyMatch(e -> e.contains("kafka_consumer_fetch_manager_records_lag_max") && e.contains("access-gateway"))
                .anyMatch(e -> e.contains("kafka_consumergroup_lag") && e.contains("audit-service"))
                .anyMatch(e -> e.contains("inzage_outbox_backlog"))
                .anyMatch(e -> e.contains("dlq"))
                .anyMatch(e -> e.contains("inzage_audit_send_failures_total"));
    }
}
