package nl.inzage.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaAdminSettingsTest {

    @Test
    void theAdminClientsGetTheBootstrapAndSecuritySettingsOfEveryKafkaClientAndTheirOwnTimeouts() {
        Properties settings = KafkaAdminSettings.of(Map.of(
                "bootstrap.servers", "kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "group.id", "not-for-an-admin-client",
                "auto.offset.reset", "earliest"), 3000, 5000);
        assertThat(settings).containsEntry("bootstrap.servers", "kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("request.timeout.ms", 3000)
                .containsEntry("default.api.timeout.ms", 5000)
                .doesNotContainKeys("group.id", "auto.offset.reset");
    }
}
