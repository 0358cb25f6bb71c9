package nl.inzage.audit;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;
import nl.inzage.contracts.Roles;

/** Bearer tokens from the in-JVM OIDC test server, shaped like the realm's tokens. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String privacyOfficer(String ura) {
        return token("privacy-" + ura, Roles.PRIVACY_OFFICER, Map.of("ura", ura));
    }

    public static String client(String bsn) {
        return token("client-" + bsn, Roles.CLIENT, Map.of("bsn", bsn));
    }

    public static String token(String user, String role, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken(user, Set.of(role), user, "Bearer", Set.of("inzage"), claims);
    }
}
