package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.TypedModels;

/** Secret values never live in git: the manifests only name the Secrets the operator creates. */
class SecretsTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void no_secret_object_is_rendered(Rendered overlay) {
        assertThat(overlay.nodes()).noneMatch(n -> TypedModels.kindOf(n).equals("v1 Secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void config_maps_hold_no_credentials(Rendered overlay) {
        for (ConfigMap cm : overlay.all(ConfigMap.class)) {
            assertThat(cm.getData().keySet()).as(cm.getMetadata().getName())
                    .noneMatch(k -> k.matches("(?i).*(password|secret|token|jaas|credential).*"));
        }
    }
}
