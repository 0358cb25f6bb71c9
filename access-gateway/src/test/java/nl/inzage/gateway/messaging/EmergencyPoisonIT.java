package nl.inzage.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.inzage.contracts.EmergencyAccessGranted;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.TestBsns;
import nl.inzage.gateway.projection.EmergencyAccesses;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** access.emergency: unreadable records are counted and skipped, and the grants after them still hold. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class EmergencyPoisonIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Inject
    EmergencyAccesses emergencies;

    @Inject
    MeterRegistry registry;

    @Test
    void aGrantAfterTwoUnreadableRecordsOnItsPartitionIsHeld() throws Exception {
        String bsn = TestBsns.fresh();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EmergencyAccessGranted grant = new EmergencyAccessGranted(UUID.randomUUID().toString(), "900000201", "00000201", bsn,
                now, now.plus(Duration.ofHours(4)));
        double before = registry.counter("inzage.emergency.unreadable.events").count();
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            // All on partition 0, in this order: the grant is only read if the consumer moved past both.
            kafka.produceStrings().fromRecords(
                    new ProducerRecord<>(Topics.EMERGENCY_ACCESS, 0, "poison-" + bsn, "{not json"),
                    new ProducerRecord<>(Topics.EMERGENCY_ACCESS, 0, "poison-2-" + bsn, "{\"grantId\":\"incomplete\"}"),
                    new ProducerRecord<>(Topics.EMERGENCY_ACCESS, 0, grant.grantId(), mapper.writeValueAsString(grant)))
                    .awaitCompletion();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(emergencies.find("900000201", "00000201", bsn, Instant.now())).isNotNull());
        assertThat(registry.counter("inzage.emergency.unreadable.events").count()).isGreaterThanOrEqualTo(before + 2);
    }
}
