package nl.inzage.consent.mitz;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code inzage.mitz.*}: the connection to Mitz (README "Connecting to Mitz"). */
@ConfigMapping(prefix = "inzage.mitz")
public interface MitzConfig {

    /** Off: nothing is subscribed, forwarded or recorded at Mitz, and the closed question answers 503. */
    @WithDefault("false")
    boolean enabled();

    /** Mitz's FHIR base URL (the draft FHIR interface). */
    @WithDefault("http://127.0.0.1:8095/fhir")
    String baseUrl();

    /** Every call to Mitz gives up after this long. */
    @WithDefault("PT2S")
    Duration timeout();

    /** Consecutive failures that open the circuit breaker, and how long it stays open. */
    @WithDefault("5")
    int breakerFailures();

    @WithDefault("PT30S")
    Duration breakerOpen();

    /** Where Mitz pushes notifications (our rest-hook), as Mitz reaches it. */
    @WithDefault("http://127.0.0.1:8081/mitz/notifications")
    String notificationEndpoint();

    /** The shared secret Mitz sends in {@link #notificationHeader()} (local stand-in for mutual TLS). */
    Optional<String> notificationToken();

    @WithDefault("X-Mitz-Token")
    String notificationHeader();

    /** Data holders connected to Mitz: URA → organisation type (the subscription's providertype). */
    Map<String, String> holders();

    /** How long a closed-question answer is reused. */
    @WithDefault("PT60S")
    Duration answerTtl();

    /** Relay: pause when idle, first and longest backoff after a failed delivery, rows per batch. */
    @WithDefault("PT0.5S")
    Duration relayIdlePause();

    @WithDefault("PT1S")
    Duration relayFirstBackoff();

    @WithDefault("PT5M")
    Duration relayMaxBackoff();

    @WithDefault("50")
    int relayBatchSize();

    /** Mitz gegevenscategorie code → product data categories; a code not listed is refused (fail closed). */
    Map<String, Set<String>> dataCategories();

    default boolean holderUsesMitz(String ura) {
        return enabled() && holders().containsKey(ura);
    }
}
