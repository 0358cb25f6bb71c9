package nl.inzage.audit;

import io.quarkus.security.identity.SecurityIdentity;
import nl.inzage.contracts.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, as the token says: the only source of the organisation whose log is read. */
public record Caller(String ura) {

    public static Caller of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return new Caller(jwt.getClaim(Claims.URA));
        }
        return new Caller(null);
    }
}
