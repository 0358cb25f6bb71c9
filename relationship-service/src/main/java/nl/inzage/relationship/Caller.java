package nl.inzage.relationship;

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
     * The source system that owns the inbound topic {@code relationship.inbound.<ura>}: in production
     * the broker's ACLs let only that source write it, so the topic is its authenticated identity.
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
            subject = (identity.hasRole(Roles.SOURCE_SYSTEM) || identity.hasRole(Roles.SERVICE)) && azp != null ? azp : jwt.getSubject();
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

    /** May this caller see a relationship of this client with this organisation? */
    public boolean mayRead(String patientBsn, String organizationUra) {
        return service
                || (sourceSystem && organizationUra.equals(ura))
                || (client && patientBsn.equals(bsn));
    }

    /** May this caller end a relationship of this organisation? Only the organisation's own source system. */
    public boolean mayEnd(String organizationUra) {
        return sourceSystem && organizationUra.equals(ura);
    }

    /**
     * The query this caller may run: a source system searches its own organisation (asking for
     * another is refused), a client her own relationships, a service anything.
     */
    public RelationshipQuery scope(RelationshipQuery query) {
        if (service) {
            return query;
        }
        if (sourceSystem) {
            if (query.organizationUra() != null && !query.organizationUra().equals(ura)) {
                throw RelationshipProblem.forbidden("A source system sees only its own organisation's relationships: the token's URA is '"
                        + ura + "', organization is '" + query.organizationUra() + "'.");
            }
            return query.forOrganization(ura);
        }
        if (client && query.patientBsn().equals(bsn)) {
            return query;
        }
        throw RelationshipProblem.forbidden("You may search only your own relationships.");
    }
}
