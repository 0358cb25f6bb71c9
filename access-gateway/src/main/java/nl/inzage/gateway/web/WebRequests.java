package nl.inzage.gateway.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What every page handler needs: the signed-in user's token and claims, and a guard against cross-site form posts. */
final class WebRequests {

    private WebRequests() {
    }

    /** The signed-in user's access token, to call the services as her. */
    static String bearer(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new WebProblem(401, "U bent niet (meer) ingelogd. Log opnieuw in.");
        }
        return "Bearer " + credential.getToken();
    }

    static String claim(SecurityIdentity identity, String name) {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(name) : null;
    }

    static String name(SecurityIdentity identity) {
        String name = claim(identity, "name");
        return name == null ? identity.getPrincipal().getName() : name;
    }

    /**
     * A form post must come from a page of this gateway: its {@code Origin} (or, when a browser
     * sends none, its {@code Referer}) must name the host the request was sent to. With the
     * session cookie's SameSite=Lax this keeps other sites from posting in the user's name.
     */
    static void requireSameOrigin(HttpServerRequest request) {
        String host = request.getHeader("Host");
        String origin = request.getHeader("Origin");
        String from = origin != null && !"null".equals(origin) ? origin : request.getHeader("Referer");
        if (host == null || from == null || !host.equalsIgnoreCase(authority(from))) {
            throw new WebProblem(403, "Dit formulier kwam niet van deze website en is daarom niet uitgevoerd.");
        }
    }

    private static String authority(String url) {
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
