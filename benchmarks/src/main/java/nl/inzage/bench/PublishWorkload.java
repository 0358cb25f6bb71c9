package nl.inzage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Properties;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.RelationshipChanged;
import nl.inzage.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the workload's consent and relationship events to the benchmark broker's state topics,
 * as consent- and relationship-service's outboxes would (gap-free revisions from 1), so a gateway
 * started on that broker builds the same projections the in-process benchmark uses.
 *
 * <p>Usage: {@code PublishWorkload bootstrap clients organisations}
 */
public final class PublishWorkload {

    /** Clients for the viewer path: a whole-network consent at each demo data holder, treated by 00000101 (G3). */
    public static final int VIEWER_CLIENTS = 50;
    public static final java.util.List<String> VIEWER_HOLDERS = java.util.List.of("00000101", "00000201", "00000301");

    public static String viewerBsn(int i) {
        return Workload.bsn(50_000_000 + i);
    }

    /** A producer for filling the benchmark broker fast: large batches, every record acknowledged by the broker. */
    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int clients = Integer.parseInt(args[1]);
        int organisations = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        Workload workload = new Workload(clients, organisations, 1, Workload.SEED, true);
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        long consents = 0;
        long relationships = 0;
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (ConsentChanged event : workload.consentEvents) {
                producer.send(new ProducerRecord<>(Topics.CONSENT_EVENTS, event.consentId(), mapper.writeValueAsString(event)));
                consents++;
            }
            for (RelationshipChanged event : workload.relationshipEvents) {
                producer.send(new ProducerRecord<>(Topics.RELATIONSHIP_EVENTS, event.relationshipId(), mapper.writeValueAsString(event)));
                relationships++;
            }
            long revision = workload.consentEvents.size();
            long relationshipRevision = workload.relationshipEvents.size();
            for (int i = 0; i < VIEWER_CLIENTS; i++) {
                String bsn = viewerBsn(i);
                for (String holder : VIEWER_HOLDERS) {
                    ConsentChanged event = new ConsentChanged(java.util.UUID.randomUUID().toString(), java.util.UUID.randomUUID().toString(),
                            1, ++revision, Workload.NOW, new nl.inzage.contracts.Actor("source-system", "source-" + holder, holder),
                            "source-system", "active", bsn, holder,
                            java.util.List.of(new nl.inzage.contracts.ConsentRule("permit", null, null, null, java.util.List.of())), "{}");
                    producer.send(new ProducerRecord<>(Topics.CONSENT_EVENTS, event.consentId(), mapper.writeValueAsString(event)));
                    consents++;
                }
                RelationshipChanged relationship = new RelationshipChanged(java.util.UUID.randomUUID().toString(),
                        java.util.UUID.randomUUID().toString(), 1, ++relationshipRevision, Workload.NOW,
                        new nl.inzage.contracts.Actor("source-system", "source-00000101", "00000101"), bsn, "00000101", "G3", null,
                        "treatment", "active", Workload.TODAY.minusDays(30), null, "intake");
                producer.send(new ProducerRecord<>(Topics.RELATIONSHIP_EVENTS, relationship.relationshipId(), mapper.writeValueAsString(relationship)));
                relationships++;
            }
            producer.flush();
        }
        System.out.printf("published %,d consent and %,d relationship events in %.1f s%n", consents, relationships,
                (System.nanoTime() - start) / 1e9);
    }
}
