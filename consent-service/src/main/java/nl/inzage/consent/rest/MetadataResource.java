package nl.inzage.consent.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Date;
import nl.inzage.consent.fhir.FhirContextProducer;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations;

/** What this server supports, and nothing more: built from the same facts as the endpoints. */
@Path("/fhir/metadata")
public class MetadataResource {

    private final String statement;

    public MetadataResource(FhirContext fhir) {
        CapabilityStatement capabilities = new CapabilityStatement();
        capabilities.setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setPublisher("Inzage")
                .addFormat("application/fhir+json");
        capabilities.getSoftware().setName("Inzage consent-service");
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OAuth2 bearer tokens (OpenID Connect). Roles: source-system (claim ura) writes"
                + " and reads its own organisation's consents; client (claim bsn) reads and changes her own; service reads all.");
        CapabilityStatement.CapabilityStatementRestResourceComponent consent = rest.addResource()
                .setType("Consent")
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE)
                .setReadHistory(true)
                .setUpdateCreate(false)
                .setConditionalCreate(true)
                .setConditionalUpdate(false)
                .setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
        consent.setDocumentation("Never deleted: withdraw with status inactive, refuse with status rejected.");
        for (TypeRestfulInteraction interaction : new TypeRestfulInteraction[] {TypeRestfulInteraction.READ,
                TypeRestfulInteraction.VREAD, TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.HISTORYINSTANCE,
                TypeRestfulInteraction.CREATE, TypeRestfulInteraction.SEARCHTYPE}) {
            consent.addInteraction(new ResourceInteractionComponent().setCode(interaction));
        }
        consent.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("Only with the :identifier modifier and the BSN system: patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn|{bsn}");
        consent.addSearchParam().setName("organization").setType(Enumerations.SearchParamType.REFERENCE)
                .setDocumentation("Only with the :identifier modifier and the URA system: the custodian");
        consent.addSearchParam().setName("status").setType(Enumerations.SearchParamType.TOKEN);
        consent.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE)
                .setDocumentation("Prefixes ge, gt, le, lt");
        consent.addSearchParam().setName("_count").setType(Enumerations.SearchParamType.NUMBER)
                .setDocumentation("0 to " + SearchParameters.MAX_COUNT + ", default " + SearchParameters.DEFAULT_COUNT);
        consent.addSearchParam().setName("_offset").setType(Enumerations.SearchParamType.NUMBER)
                .setDocumentation("Paging offset, as used in the next/previous links");
        this.statement = FhirContextProducer.jsonParser(fhir).encodeResourceToString(capabilities);
    }

    @GET
    @Produces(FhirMediaTypes.FHIR_JSON)
    public String capabilities() {
        return statement;
    }
}
