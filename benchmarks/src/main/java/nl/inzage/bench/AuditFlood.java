package nl.inzage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nl.inzage.contracts.AccessDecided;
import nl.inzage.contracts.Topics;
import nl.inzage.gateway.audit.AuditRecords;
import nl.inzage.gateway.decision.AccessRequest;
import nl.inzage.gateway.decision.Decision;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Item 6 of issue 10: writes {@code count} audit records of the workload's decisions to {@code audit.events}, as
 * the gateway's AuditTrail does (same record and headers), while audit-service is stopped, so that its ingest
 * can then be timed on its own: how fast it stores a backlog into the hash-chained log.
 *
 * <p>Usage: {@code AuditFlood bootstrap clients organisations count}
 */
public final class AuditFlood {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int clients = Integer.parseInt(args[1]);
        int organisations = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        Workload workload = new Workload(clients, organisations, DecisionCoreBenchmark.REQUESTS, Workload.SEED);
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = PublishWorkload.producer(bootstrap)) {
            for (long i = 0; i < count; i++) {
                AccessRequest request = workload.requests[(int) (i % workload.requests.length)];
                Decision decision = workload.decider.decide(request, workload.consents.find(request.patientBsn(), request.dataHolderUra()),
                        workload.relationships.forPatient(request.patientBsn()), null, Workload.NOW);
                AccessDecided event = AuditRecords.of(request, decision, "flood-" + i, "read", null, null, null);
                producer.send(AuditRecords.producerRecord(Topics.AUDIT_EVENTS, "access-gateway", event, mapper.writeValueAsString(event)));
            }
            producer.flush();
        }
        System.out.printf("audit flood: %,d records on %s in %.1f s%n", count, Topics.AUDIT_EVENTS, (System.nanoTime() - start) / 1e9);
    }
}
