package nl.inzage.consent.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.inzage.consent.fhir.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Migration files can be hundreds of megabytes, so the HTTP layer's limit
 * ({@code quarkus.http.limits.max-body-size}) is set for them; every other path keeps the 2 MiB it
 * had: a larger body is refused unread, and so is a body of unknown length (the FHIR resources read
 * their body whole).
 */
@ApplicationScoped
public class BodyLimits {

    static final long OTHER_PATHS_MAX_BYTES = 2L * 1024 * 1024;
    static final String MIGRATIONS = "/migrations";

    private final OperationOutcomes outcomes;

    public BodyLimits(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, 100);
    }

    void limit(RoutingContext context) {
        String path = context.normalizedPath();
        HttpMethod method = context.request().method();
        boolean hasBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        if (!hasBody || path.equals(MIGRATIONS) || path.startsWith(MIGRATIONS + "/")) {
            context.next();
            return;
        }
        String length = context.request().getHeader("Content-Length");
        if (length == null && context.request().getHeader("Transfer-Encoding") != null) {
            refuse(context, 411, "Send the body with a Content-Length (at most 2 MiB).");
        } else if (length != null && tooLong(length)) {
            refuse(context, 413, "The body is larger than 2 MiB; a Consent is far smaller.");
        } else {
            context.next();
        }
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > OTHER_PATHS_MAX_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void refuse(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", FhirMediaTypes.FHIR_JSON)
                .putHeader("Connection", "close")
                .end(outcomes.json(status == 413 ? IssueType.TOOLONG : IssueType.STRUCTURE, message));
    }
}
