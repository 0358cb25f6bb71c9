package nl.inzage.deploy.model.crd;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** CloudNativePG: postgresql.cnpg.io/v1 Cluster and ScheduledBackup; the Barman Cloud plugin's barmancloud.cnpg.io/v1 ObjectStore. */
public final class CloudNativePg {

    private CloudNativePg() {
    }

    public record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    public record ClusterSpec(Integer instances, String imageName, String primaryUpdateStrategy,
            PostgresConfiguration postgresql, Bootstrap bootstrap, Storage storage, ResourceRequirements resources,
            Affinity affinity, Monitoring monitoring, List<Plugin> plugins, Managed managed) {
    }

    public record Managed(List<RoleConfiguration> roles) {
    }

    public record RoleConfiguration(String name, String ensure, Boolean login, Boolean superuser, Boolean createdb,
            Boolean createrole, Boolean inherit, Boolean replication, Boolean bypassrls, Integer connectionLimit,
            String comment, LocalObjectReference passwordSecret, List<String> inRoles, Boolean disablePassword,
            String validUntil) {
    }

    public record PostgresConfiguration(Map<String, String> parameters) {
    }

    public record Bootstrap(InitDb initdb) {
    }

    public record InitDb(String database, String owner, LocalObjectReference secret) {
    }

    public record LocalObjectReference(String name) {
    }

    public record SecretKeySelector(String name, String key) {
    }

    public record Storage(String size, String storageClass) {
    }

    public record Affinity(String topologyKey, Boolean enablePodAntiAffinity, String podAntiAffinityType) {
    }

    public record Monitoring(Boolean enablePodMonitor) {
    }

    public record Plugin(String name, Boolean enabled, Boolean isWALArchiver, Map<String, String> parameters) {
    }

    public record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    public record ScheduledBackupSpec(String schedule, String backupOwnerReference, Boolean immediate, Boolean suspend,
            LocalObjectReference cluster, String method, PluginConfiguration pluginConfiguration, String target) {
    }

    public record PluginConfiguration(String name, Map<String, String> parameters) {
    }

    public record ObjectStore(String apiVersion, String kind, ObjectMeta metadata, ObjectStoreSpec spec) {
    }

    public record ObjectStoreSpec(String retentionPolicy, BarmanObjectStoreConfiguration configuration) {
    }

    public record BarmanObjectStoreConfiguration(String destinationPath, String endpointURL, S3Credentials s3Credentials,
            WalBackupConfiguration wal, DataBackupConfiguration data) {
    }

    public record S3Credentials(SecretKeySelector accessKeyId, SecretKeySelector secretAccessKey, SecretKeySelector region,
            Boolean inheritFromIAMRole) {
    }

    public record WalBackupConfiguration(String compression, Integer maxParallel) {
    }

    public record DataBackupConfiguration(String compression, Integer jobs) {
    }
}
