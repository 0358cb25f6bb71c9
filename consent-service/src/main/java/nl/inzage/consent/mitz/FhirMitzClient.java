package nl.inzage.consent.mitz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

/**
 * Mitz's draft FHIR interface over HTTP: {@code POST [base]/Subscription}, {@code POST [base]/Consent},
 * {@code POST [base]/AuditEvent} and the closed question {@code POST [base]/Consent/$has-mitz-consent}.
 * Every call has the configured timeout and goes through one circuit breaker.
 */
@ApplicationScoped
public class FhirMitzClient implements MitzClient {

    static final String PERMISSION_RESPONSE = "http://vzvz.nl/fhir/otv/permission-response";
    private static final Logger LOG = Logger.getLogger(FhirMitzClient.class);

    private final MitzConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final CircuitBreaker breaker;

    public FhirMitzClient(MitzConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.breaker = new CircuitBreaker(config.breakerFailures(), config.breakerOpen(), Clock.systemUTC());
    }

    @Override
    public Uni<Void> send(Kind kind, String resourceJson) {
        return call("/" + kind.resourceType, resourceJson).map(response -> {
            if (response.statusCode() / 100 != 2) {
                throw refused(kind.resourceType, response);
            }
            return null;
        });
    }

    @Override
    public Uni<Answer> ask(String parametersJson) {
        return call("/Consent/$has-mitz-consent", parametersJson).map(response -> {
            if (response.statusCode() != 200) {
                throw refused("closed question", response);
            }
            return answer(response.body());
        });
    }

    boolean breakerOpen() {
        return breaker.open();
    }

    private Uni<HttpResponse<String>> call(String path, String body) {
        return Uni.createFrom().deferred(() -> {
            if (!breaker.allow()) {
                return Uni.createFrom().failure(new MitzUnavailable("Mitz circuit breaker open after repeated failures"));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/fhir+json")
                    .header("Accept", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            // The answer arrives on the HTTP client's thread; callers go on with Hibernate Reactive, which needs their Vert.x context.
            Context context = Vertx.currentContext();
            Executor back = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
            return Uni.createFrom().completionStage(sent)
                    .emitOn(back)
                    .ifNoItem().after(config.timeout()).failWith(() -> new MitzUnavailable("Mitz did not answer within " + config.timeout()))
                    .onFailure().call(() -> Uni.createFrom().voidItem().emitOn(back))
                    .onItem().invoke(response -> {
                        // 4xx is Mitz refusing our message, not Mitz being away: it does not open the breaker.
                        if (response.statusCode() >= 500) {
                            breaker.failure();
                        } else {
                            breaker.success();
                        }
                    })
                    .onFailure().transform(failure -> {
                        breaker.failure();
                        return failure instanceof MitzUnavailable ? failure
                                : new MitzUnavailable("Mitz unreachable: " + failure.getClass().getSimpleName());
                    });
        });
    }

    private Answer answer(String body) {
        try {
            JsonNode outcome = mapper.readTree(body);
            for (JsonNode issue : outcome.path("issue")) {
                for (JsonNode coding : issue.path("details").path("coding")) {
                    if (PERMISSION_RESPONSE.equals(coding.path("system").asText())) {
                        return switch (coding.path("code").asText().toLowerCase()) {
                            case "permit" -> Answer.PERMIT;
                            case "deny" -> Answer.DENY;
                            case "notapplicable", "not-applicable" -> Answer.NOT_APPLICABLE;
                            default -> Answer.INDETERMINATE;
                        };
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("Mitz closed question: the answer is not an OperationOutcome (%s)", e.getClass().getSimpleName());
        }
        return Answer.INDETERMINATE;
    }

    private static MitzUnavailable refused(String what, HttpResponse<String> response) {
        // Status only: a body may quote what we sent, BSN included.
        return new MitzUnavailable("Mitz refused the " + what + " with status " + response.statusCode());
    }
}
