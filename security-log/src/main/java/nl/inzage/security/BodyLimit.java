package nl.inzage.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused unread with a 413 problem body,
 * in every service (first in relationship-service; the gateway's hostile-input suite found its empty 413s too).
 *
 * <p>The HTTP layer refuses it too, but with an empty 413 and by closing the connection as soon as that is
 * written, while the client is still sending: the kernel then resets the connection over the unread bytes and the
 * client may never read the answer (the hostile-input suite saw "connection closed" on one of three operations;
 * which one loses the race is chance, not its role check, which comes later). Here the answer is written and the
 * connection is left to Vert.x, which closes it ({@code Connection: close}) once the rest of the request has
 * arrived and been dropped. A body of unknown length (chunked) is still held to the limit while it is read.
 */
@ApplicationScoped
public class BodyLimit {

    /** Above the HTTP layer's own handler (route order -2): filters run at minus their priority. */
    static final int PRIORITY = 100;

    private final long maxBytes;
    private final String answer;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
        this.answer = "{\"type\":\"http://inzage.nl/problems/payload-too-large\",\"title\":\"Payload too large\",\"status\":413,"
                + "\"detail\":\"The body is larger than " + (maxBytes >= 1 << 20 ? maxBytes / (1 << 20) + " MiB" : maxBytes + " bytes")
                + ".\"}";
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    void limit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !tooLong(length)) {
            context.next();
            return;
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(answer);
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            // Not a length: the HTTP codec refuses such a request before it gets here; refuse rather than guess.
            return true;
        }
    }
}
