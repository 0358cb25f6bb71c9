package nl.inzage.gateway.rest;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import nl.inzage.contracts.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The practitioner behind a viewer request, from the token alone. */
public record Practitioner(String uzi, String name, String organization, String organizationType, String role) {

    public static Practitioner of(SecurityIdentity identity, Set<String> practitionerRoles) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new ProblemException(403, "Forbidden", "A practitioner's token is required.");
        }
        String role = identity.getRoles().stream().filter(practitionerRoles::contains).sorted().findFirst().orElse(null);
        String uzi = jwt.getClaim(Claims.UZI);
        String ura = jwt.getClaim(Claims.URA);
        String orgType = jwt.getClaim(Claims.ORG_TYPE);
        if (role == null || uzi == null || ura == null || orgType == null) {
            throw new ProblemException(403, "Forbidden",
                    "The token must carry a practitioner role and the claims uzi, ura and org_type.");
        }
        String name = jwt.getClaim("name");
        return new Practitioner(uzi, name, ura, orgType, role);
    }
}
