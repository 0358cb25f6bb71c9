package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Repo;
import nl.inzage.deploy.model.Services;

/** Each service's src/main/docker/Dockerfile.jvm: pinned base, the fast-jar layout, the user the pods run as. */
class DockerfilesTest {

    @ParameterizedTest
    @ValueSource(strings = { "consent-service", "relationship-service", "audit-service", "access-gateway" })
    void the_image_is_the_quarkus_fast_jar_on_a_pinned_base_run_by_the_non_root_user_of_the_pods(String svc) throws Exception {
        Path dockerfile = Repo.root().resolve(svc + "/src/main/docker/Dockerfile.jvm");
        List<String> lines = Files.readAllLines(dockerfile).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).singleElement()
                .satisfies(from -> assertThat(PinnedImagesTest.isPinned(from.substring(5).strip())).as(from).isTrue());
        assertThat(lines).contains(
                "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                "EXPOSE " + Services.PORTS.get(svc));
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
        for (String overlay : List.of("dev", "production")) {
            Long runAs = Rendered.of(overlay).require(Deployment.class, svc).getSpec().getTemplate().getSpec()
                    .getSecurityContext().getRunAsUser();
            assertThat(user).as(svc + " image user vs pod runAsUser").isEqualTo(String.valueOf(runAs)).isNotEqualTo("0");
        }
    }
}
