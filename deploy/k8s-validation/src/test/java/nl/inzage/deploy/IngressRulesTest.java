package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;

/** The one way in: HTTPS to the gateway's API, never to its health and metrics endpoints. */
class IngressRulesTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void only_the_gateway_is_exposed_over_tls_on_the_host_it_announces(Rendered overlay) {
        assertThat(overlay.all(Ingress.class)).singleElement().satisfies(ingress -> {
            assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
                assertThat(tls.getSecretName()).isEqualTo("access-gateway-tls");
                assertThat(tls.getHosts()).containsExactlyElementsOf(
                        ingress.getSpec().getRules().stream().map(r -> r.getHost()).toList());
            });
            var paths = ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream()).toList();
            assertThat(paths).isNotEmpty().allSatisfy(p -> {
                assertThat(p.getBackend().getService().getName()).isEqualTo("access-gateway");
                assertThat(p.getPath()).doesNotStartWith("/q").isNotEqualTo("/");
            });
            assertThat(paths).extracting(HTTPIngressPath::getPath).contains("/access", "/viewer", "/.well-known");
            String host = ingress.getSpec().getRules().get(0).getHost();
            assertThat(overlay.require(ConfigMap.class, "access-gateway-config").getData())
                    .containsEntry("PUBLIC_URL", "https://" + host);
        });
    }
}
