package nl.inzage.relationship.inbound;

import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Topics;

/**
 * Where one inbound record came from and the id its receipt and result are filed under: the
 * record's {@code ce_id} when it has a usable one, else its position {@code <topic>-<partition>-<offset>}.
 *
 * @param sourceUra the URA in the topic name: the source system that wrote the record
 */
public record InboundInput(String topic, int partition, long offset, String sourceUra, String inputId) {

    /** Long enough for any id a source system makes; short enough to be a primary key. */
    static final int MAX_ID_LENGTH = 200;

    public static InboundInput of(String topic, int partition, long offset, String ceId) {
        if (topic == null || !topic.startsWith(Topics.RELATIONSHIP_INBOUND_PREFIX)
                || !Identifiers.isValidUra(topic.substring(Topics.RELATIONSHIP_INBOUND_PREFIX.length()))) {
            // The channel subscribes by Topics.RELATIONSHIP_INBOUND_PATTERN: anything else is a configuration error.
            throw new IllegalStateException("not a relationship.inbound.<URA> topic: " + topic);
        }
        String ura = topic.substring(Topics.RELATIONSHIP_INBOUND_PREFIX.length());
        String inputId = isUsableId(ceId) ? ceId : topic + "-" + partition + "-" + offset;
        return new InboundInput(topic, partition, offset, ura, inputId);
    }

    /** Absent or blank: the position stands in. Otherwise it must fit a key and hold no control characters. */
    static boolean isUsableId(String ceId) {
        return ceId != null && !ceId.isBlank() && ceId.length() <= MAX_ID_LENGTH && ceId.chars().noneMatch(Character::isISOControl);
    }

    /** A {@code ce_id} that is there but cannot be used as the input id (the record goes to the DLQ). */
    static boolean isUnusableId(String ceId) {
        return ceId != null && !ceId.isBlank() && !isUsableId(ceId);
    }

    /** For log lines: the position only, never the source's own id or anything of the value. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
