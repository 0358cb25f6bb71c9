package nl.inzage.deploy.model.crd;

import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.RealmRepresentation;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

/** The Keycloak Operator's k8s.keycloak.org/v2alpha1 Keycloak and KeycloakRealmImport. */
public final class KeycloakOperator {

    private KeycloakOperator() {
    }

    public record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KeycloakSpec spec) {
    }

    public record KeycloakSpec(Integer instances, String image, Database db, Http http, Hostname hostname, Proxy proxy,
            Ingress ingress, NetworkPolicy networkPolicy, ResourceRequirements resources, Scheduling scheduling) {
    }

    public record Database(String vendor, String host, Integer port, String database, SecretKeySelector usernameSecret,
            SecretKeySelector passwordSecret) {
    }

    public record SecretKeySelector(String name, String key) {
    }

    public record Http(String tlsSecret, Boolean httpEnabled, Integer httpPort, Integer httpsPort) {
    }

    public record Hostname(String hostname, String admin, Boolean strict, Boolean backchannelDynamic) {
    }

    public record Proxy(String headers) {
    }

    public record Ingress(Boolean enabled, String className, Map<String, String> annotations) {
    }

    public record NetworkPolicy(Boolean enabled) {
    }

    public record Scheduling(List<TopologySpreadConstraint> topologySpreadConstraints, Affinity affinity,
            String priorityClassName) {
    }

    public record KeycloakRealmImport(String apiVersion, String kind, ObjectMeta metadata, RealmImportSpec spec) {
    }

    public record RealmImportSpec(String keycloakCRName, RealmRepresentation realm) {
    }
}
