package nl.inzage.consent;

import io.quarkus.security.identity.SecurityIdentity;
import nl.inzage.contracts.Actor;
import nl.inzage.contracts.Claims;
import nl.inzage.contracts.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling. Over HTTP the token says so and nothing else does; over Kafka the topic a record
 * arrived on does, because only that source may write it (see {@link #inboundSource}).
 */
public record Caller(String subject, boolean sourceSystem, boolean client, boolean service, String ura, String bsn) {

    /**
     * The source system that owns the inbound topic {@code consent.inbound.<ura>}: in production the
     * broker's ACLs let only that source write it, so the topic is its authenticated identity.
     */
    public static Caller inboundSource(String topic, String ura) {
        return new Caller("kafka:" + topic, true, false, false, ura, null);
    }

    public static Caller of(SecurityIdentity identity) {
        String ura = null;
        String bsn = null;
        String subject = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            ura = jwt.getClaim(Claims.URA);
            bsn = jwt.getClaim(Claims.BSN);
            String azp = jwt.getClaim("azp");
            subject = identity.hasRole(Roles.SOURCE_SYSTEM) && azp != null ? azp : jwt.getSubject();
        }
        return new Caller(subject, identity.hasRole(Roles.SOURCE_SYSTEM), identity.hasRole(Roles.CLIENT),
                identity.hasRole(Roles.SERVICE), ura, bsn);
    }

    public Actor actor() {
        if (sourceSystem) {
            return new Actor(Roles.SOURCE_SYSTEM, subject, ura);
        }
        return new Actor(client ? Roles.CLIENT : Roles.SERVICE, subject, null);
    }

    /** May this caller change a consent of this client held by this custodian? */
    public boolean mayWrite(String patientBsn, String custodianUra) {
        return (sourceSystem && custodianUra.equals(ura)) || (client && patientBsn.equals(bsn));
    }

    /** Where the version comes from, as the event's {@code origin}. */
    public String origin() {
        return sourceSystem ? Roles.SOURCE_SYSTEM : Roles.CLIENT;
    }

    /** May this caller see a consent of this client held by this custodian? */
    public boolean mayRead(String patientBsn, String custodianUra) {
        return service
                || (sourceSystem && custodianUra.equals(ura))
                || (client && patientBsn.equals(bsn));
    }
}
