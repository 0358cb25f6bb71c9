package nl.inzage.audit;

import io.quarkus.security.identity.SecurityIdentity;
import nl.inzage.contracts.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the token says: the only source of the organisation whose log is read (claim
 * {@code ura}) and of the client whose own accesses are shown (claim {@code bsn}).
 */
public record Caller(String ura, String bsn) {

    public static Caller of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return new Caller(jwt.getClaim(Claims.URA), jwt.getClaim(Claims.BSN));
        }
        return new Caller(null, null);
    }

    /** Never in a log line or an error message: the BSN stays out. */
    @Override
    public String toString() {
        return "Caller[ura=" + ura + "]";
    }
}
