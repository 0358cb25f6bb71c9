package nl.inzage.consent.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.inzage.consent.Caller;
import nl.inzage.consent.ConsentStatus;
import nl.inzage.consent.FhirProblem;
import nl.inzage.consent.service.ConsentService;
import nl.inzage.contracts.DataCategories;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.Roles;

/**
 * "Must consent still be asked?" (seed 002): {@code permit}, {@code deny} or {@code no-choice}
 * for a client at a data holder, with the consent versions and revision it rests on. With
 * {@code organization} (+ {@code organizationType}) and/or {@code category}, the answer applies
 * the combination rules for that requester.
 */
@Path("/consent-status")
public class ConsentStatusResource {

    private static final java.util.regex.Pattern ORGANIZATION_TYPE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9]{0,9}");

    private final ConsentService service;
    private final SecurityIdentity identity;

    public ConsentStatusResource(ConsentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SERVICE, Roles.SOURCE_SYSTEM})
    public Uni<ConsentStatus> status(@QueryParam("patient") String patient, @QueryParam("custodian") String custodian,
            @QueryParam("organization") String organization, @QueryParam("organizationType") String organizationType,
            @QueryParam("category") String category) {
        if (!Identifiers.isValidBsn(patient)) {
            throw FhirProblem.invalid("patient must be a valid BSN (nine digits passing the 11-test).");
        }
        if (!Identifiers.isValidUra(custodian)) {
            throw FhirProblem.invalid("custodian must be the data holder's URA (eight digits).");
        }
        if (organization != null && !Identifiers.isValidUra(organization)) {
            throw FhirProblem.invalid("organization must be the requesting organisation's URA (eight digits).");
        }
        if (organizationType != null && !ORGANIZATION_TYPE.matcher(organizationType).matches()) {
            throw FhirProblem.invalid("organizationType must be an organisation type code such as G3 or V4.");
        }
        if (category != null && !DataCategories.ALL.contains(category)) {
            throw FhirProblem.invalid("category must be one of " + DataCategories.ALL + ".");
        }
        Caller caller = Caller.of(identity);
        if (!caller.service() && !custodian.equals(caller.ura())) {
            throw FhirProblem.forbidden("A source system may ask only about consents its own organisation holds.");
        }
        return service.status(patient, custodian, organization, organizationType, category);
    }
}
