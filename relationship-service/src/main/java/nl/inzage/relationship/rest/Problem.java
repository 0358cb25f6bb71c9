package nl.inzage.relationship.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code field} is an extension member naming the request
 * member at fault, so a source system can point at it without parsing {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are identifiers in the product's namespace; they need not resolve. */
    static final String TYPE_BASE = "http://inzage.nl/problems/";
}
