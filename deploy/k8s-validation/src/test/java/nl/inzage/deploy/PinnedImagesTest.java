package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.crd.CloudNativePg;
import nl.inzage.deploy.model.crd.KeycloakOperator;

/** Every image is pinned: a tag that is not "latest", or a digest; the Kafka version is explicit. */
class PinnedImagesTest {

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_image_is_pinned_by_tag_or_digest_and_none_is_latest(Rendered overlay) {
        List<String> images = new ArrayList<>();
        overlay.all(Deployment.class).forEach(d -> d.getSpec().getTemplate().getSpec().getContainers()
                .forEach(c -> images.add(c.getImage())));
        overlay.all(CloudNativePg.Cluster.class).forEach(c -> images.add(c.spec().imageName()));
        overlay.all(KeycloakOperator.Keycloak.class).forEach(k -> images.add(k.spec().image()));
        assertThat(images).hasSizeGreaterThanOrEqualTo(9).allSatisfy(image -> assertThat(isPinned(image))
                .as("image %s is pinned", image).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void the_kafka_version_is_explicit(Rendered overlay) {
        assertThat(overlay.all(Kafka.class)).singleElement()
                .satisfies(k -> assertThat(k.getSpec().getKafka().getVersion()).matches("\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void the_pinning_rule_tells_pinned_from_floating_images() {
        assertThat(isPinned("ghcr.io/inzage/consent-service:0.1.0")).isTrue();
        assertThat(isPinned("registry.local:5000/inzage/gateway@sha256:" + "a".repeat(64))).isTrue();
        assertThat(isPinned("ghcr.io/inzage/consent-service:latest")).isFalse();
        assertThat(isPinned("ghcr.io/inzage/consent-service")).isFalse();
        assertThat(isPinned("registry.local:5000/inzage/gateway")).isFalse();
        assertThat(isPinned(null)).isFalse();
    }

    static boolean isPinned(String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (image.matches(".+@sha256:[0-9a-f]{64}")) {
            return true;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        return colon > 0 && !lastSegment.substring(colon + 1).isBlank() && !lastSegment.substring(colon + 1).equals("latest");
    }
}
