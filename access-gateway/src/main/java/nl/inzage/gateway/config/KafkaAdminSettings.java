package nl.inzage.gateway.config;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The settings of the gateway's own Kafka admin clients (catch-up targets, freshness): the
 * bootstrap servers and security settings every Kafka client of the gateway gets ({@code kafka.*}
 * and {@code KAFKA_*}, Quarkus' {@code default-kafka-broker}), so that they reach a broker that
 * requires SASL/TLS as the channels do, plus their own timeouts.
 */
public final class KafkaAdminSettings {

    private KafkaAdminSettings() {
    }

    public static Properties of(Map<String, Object> kafkaDefaults, int requestTimeoutMs, int apiTimeoutMs) {
        Properties properties = new Properties();
        kafkaDefaults.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name) && value != null) {
                properties.put(name, value);
            }
        });
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs);
        return properties;
    }
}
