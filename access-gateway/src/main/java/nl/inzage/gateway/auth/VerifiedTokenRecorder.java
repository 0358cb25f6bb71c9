package nl.inzage.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Keeps the identity the OIDC layer made of a decision-API bearer token ({@link VerifiedTokens}). Augmentors run
 * only after a provider has made an identity, so only verified tokens get here; an identity whose principal is not
 * that very access token (the web pages' sessions, whose principal is the ID token) is not kept.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    public VerifiedTokenRecorder(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null && identity.getPrincipal() instanceof JsonWebToken jwt && token.getToken().equals(jwt.getRawToken())
                && jwt.getExpirationTime() > 0 && VerifiedTokenProvider.decisionApi(HttpSecurityUtils.getRoutingContextAttribute(attributes))) {
            tokens.remember(token.getToken(), identity, Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        return Uni.createFrom().item(identity);
    }
}
