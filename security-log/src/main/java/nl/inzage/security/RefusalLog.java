package nl.inzage.security;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.security.spi.runtime.SecurityEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One WARN line per refused request (no or a bad token: 401; a role the operation does not admit: 403), so that
 * probing shows in the logs. Never the token, never a BSN: paths and names are logged with every run of eight or
 * more digits masked, failures by their type only (an exception message can quote the token's claims).
 */
@ApplicationScoped
public class RefusalLog {

    private static final Logger LOG = Logger.getLogger("nl.inzage.security.refusal");
    private static final Pattern IDENTIFIER = Pattern.compile("\\d{8,}");

    void authenticationFailed(@Observes AuthenticationFailureEvent event) {
        LOG.warnf("refused (not authenticated) %s: %s", request(event), kind(event.getAuthenticationFailure()));
    }

    void authorizationFailed(@Observes AuthorizationFailureEvent event) {
        String who = event.getSecurityIdentity() == null || event.getSecurityIdentity().isAnonymous() ? "anonymous"
                : mask(event.getSecurityIdentity().getPrincipal().getName()) + " " + event.getSecurityIdentity().getRoles();
        LOG.warnf("refused (not authorised) %s by %s: %s", request(event), who, kind(event.getAuthorizationFailure()));
    }

    /** A caller refused for want of a credential the service checks itself (the Mitz notifications' shared token): 401. */
    public static void unauthenticated(String what) {
        LOG.warnf("refused (not authenticated) %s", mask(what));
    }

    /** A refusal by a rule of the service itself (another organisation's record, another client's data): 403. */
    public static void forbidden(String what) {
        LOG.warnf("refused (forbidden) %s", mask(what));
    }

    private static String request(SecurityEvent event) {
        Object context = event.getEventProperties().get(RoutingContext.class.getName());
        if (context instanceof RoutingContext routing) {
            return routing.request().method() + " " + mask(routing.normalizedPath());
        }
        return "(no HTTP request)";
    }

    private static String kind(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable cause = failure.getCause();
        return failure.getClass().getSimpleName() + (cause == null ? "" : " caused by " + cause.getClass().getSimpleName());
    }

    static String mask(String text) {
        return text == null ? "" : IDENTIFIER.matcher(text).replaceAll("…");
    }
}
