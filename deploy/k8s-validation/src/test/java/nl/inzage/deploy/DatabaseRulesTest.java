package nl.inzage.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import nl.inzage.deploy.model.Kustomize;
import nl.inzage.deploy.model.Rendered;
import nl.inzage.deploy.model.Services;
import nl.inzage.deploy.model.crd.CloudNativePg;
import nl.inzage.deploy.model.crd.KeycloakOperator;

/** CloudNativePG: a cluster per database, owned through the service's -creds Secret, archived and backed up. */
class DatabaseRulesTest {

    private static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    static Stream<Rendered> overlays() {
        return Kustomize.OVERLAYS.stream().map(Rendered::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void each_database_service_connects_to_its_own_cluster_as_the_owner_its_creds_secret_bootstraps(Rendered overlay) {
        for (var entry : Services.DATABASE_CLUSTERS.entrySet()) {
            CloudNativePg.Cluster cluster = overlay.require(CloudNativePg.Cluster.class, entry.getValue());
            var config = overlay.require(ConfigMap.class, entry.getKey() + "-config").getData();
            assertThat(config).containsEntry("PGHOST", entry.getValue() + "-rw").containsEntry("PGPORT", "5432")
                    .containsEntry("DB_NAME", cluster.spec().bootstrap().initdb().database());
            assertThat(cluster.spec().bootstrap().initdb().secret().name()).isEqualTo(entry.getKey() + "-creds");
        }
        var keycloak = overlay.require(KeycloakOperator.Keycloak.class, "keycloak");
        var keycloakDb = overlay.require(CloudNativePg.Cluster.class, "keycloak-db");
        assertThat(keycloak.spec().db().host()).isEqualTo("keycloak-db-rw");
        assertThat(keycloak.spec().db().database()).isEqualTo(keycloakDb.spec().bootstrap().initdb().database());
        assertThat(keycloak.spec().db().usernameSecret().name()).isEqualTo(keycloakDb.spec().bootstrap().initdb().secret().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void every_cluster_archives_its_wal_to_an_object_store_and_is_backed_up_on_a_schedule(Rendered overlay) {
        assertThat(overlay.all(CloudNativePg.Cluster.class)).hasSize(4).allSatisfy(cluster -> {
            String name = cluster.metadata().getName();
            assertThat(cluster.spec().plugins()).as(name).singleElement().satisfies(plugin -> {
                assertThat(plugin.name()).isEqualTo(BARMAN_PLUGIN);
                assertThat(plugin.isWALArchiver()).isTrue();
                var store = overlay.require(CloudNativePg.ObjectStore.class, plugin.parameters().get("barmanObjectName"));
                assertThat(store.spec().configuration().destinationPath()).as(name).startsWith("s3://").endsWith("/" + name);
                assertThat(store.spec().retentionPolicy()).matches("\\d+[dwm]");
            });
            assertThat(overlay.all(CloudNativePg.ScheduledBackup.class)).as(name + " scheduled backup")
                    .anySatisfy(b -> {
                        assertThat(b.spec().cluster().name()).isEqualTo(name);
                        assertThat(b.spec().method()).isEqualTo("plugin");
                        assertThat(b.spec().pluginConfiguration().name()).isEqualTo(BARMAN_PLUGIN);
                    });
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void production_runs_three_instances_spread_over_zones_and_dev_one(Rendered overlay) {
        int expected = overlay.overlay().equals("production") ? 3 : 1;
        assertThat(overlay.all(CloudNativePg.Cluster.class)).allSatisfy(c -> {
            assertThat(c.spec().instances()).as(c.metadata().getName()).isEqualTo(expected);
            assertThat(c.spec().affinity().topologyKey()).isEqualTo("topology.kubernetes.io/zone");
        });
    }

    /** The audit log's tamper evidence rests on it: audit-service migrates as the owner but runs as a role that owns nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void audit_service_runs_as_a_managed_role_that_is_not_the_owner(Rendered overlay) {
        CloudNativePg.Cluster cluster = overlay.require(CloudNativePg.Cluster.class, "audit-db");
        var env = overlay.require(Deployment.class, "audit-service").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(secretOf(env, "DB_OWNER")).isEqualTo("audit-service-creds");
        assertThat(secretOf(env, "DB_USER")).isEqualTo("audit-service-app-creds");
        assertThat(cluster.spec().managed().roles()).singleElement().satisfies(role -> {
            assertThat(role.name()).isEqualTo("audit_app").isNotEqualTo(cluster.spec().bootstrap().initdb().owner());
            assertThat(role.login()).isTrue();
            assertThat(role.superuser()).isNotEqualTo(Boolean.TRUE);
            assertThat(role.passwordSecret().name()).isEqualTo("audit-service-app-creds");
        });
    }

    private static String secretOf(java.util.List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValueFrom().getSecretKeyRef().getName()).orElse(null);
    }
}
