package nl.inzage.gateway;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;

/** Bearer tokens from the in-JVM OIDC test server, shaped like the realm's tokens. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String pep() {
        return token("pep", "pep", Map.of());
    }

    public static String practitioner(String role, String uzi, String ura, String orgType) {
        return token(role, role, Map.of("uzi", uzi, "ura", ura, "org_type", orgType));
    }

    public static String token(String user, String role, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken(user, Set.of(role), user, "Bearer", Set.of("inzage"), claims);
    }
}
