package nl.inzage.consent;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;

/** Bearer tokens from the in-JVM OIDC test server, shaped like the realm's tokens. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String sourceSystem(String ura) {
        return token("source-" + ura, "source-system", Map.of("ura", ura, "azp", "source-" + ura));
    }

    public static String client(String bsn) {
        return token("client-" + bsn, "client", Map.of("bsn", bsn));
    }

    public static String service() {
        return token("access-gateway", "service", Map.of("azp", "access-gateway"));
    }

    public static String token(String user, String role, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken(user, Set.of(role), user, "Bearer", Set.of("inzage"), claims);
    }
}
