package nl.inzage.relationship.inbound;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body published on {@code relationship.inbound.results} for one input, built from its receipt only,
 * so that a re-delivered input gets the very same body again.
 *
 * @param topic    the inbound topic the input came from: input ids are unique per source only
 * @param id       the relationship's id when accepted
 * @param version  the version the input produced when accepted
 * @param revision the store revision of that version when accepted
 * @param outcome  the problem+json body (as the REST path answers) when not accepted
 */
public record InboundResult(String inputId, String topic, boolean accepted, String id, Integer version, Long revision,
        JsonNode outcome) {
}
