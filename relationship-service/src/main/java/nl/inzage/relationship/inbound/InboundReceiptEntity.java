package nl.inzage.relationship.inbound;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** That an inbound input was handled, and the result it got: what makes a re-delivery harmless. */
@Entity
@Table(name = "inbound_receipt")
@IdClass(InboundReceiptEntity.Key.class)
public class InboundReceiptEntity extends PanacheEntityBase {

    /** Input ids are unique per source, and each source has its own topic. */
    public static class Key implements Serializable {

        public String topic;
        public String inputId;

        public Key() {
        }

        public Key(String topic, String inputId) {
            this.topic = topic;
            this.inputId = inputId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(topic, key.topic) && Objects.equals(inputId, key.inputId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, inputId);
        }
    }

    @Id
    public String topic;

    @Id
    @Column(name = "input_id")
    public String inputId;

    public int partition;

    @Column(name = "record_offset")
    public long recordOffset;

    public boolean accepted;

    @Column(name = "relationship_id")
    public String relationshipId;

    public Integer version;

    public Long revision;

    /** The problem+json body of a rejected input. */
    public String outcome;

    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
}
