package nl.inzage.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import nl.inzage.contracts.Identifiers;
import nl.inzage.contracts.NamingSystems;

/**
 * LOCAL DEVELOPMENT ONLY. The source systems of the demo organisations as FHIR R4 search endpoints
 * ({@code GET /fhir/<URA>/<type>?patient.identifier=<bsn system>|<bsn>}), the shape the gateway's
 * data-holder registry expects. Every client gets the organisation's demo dossier
 * ({@code fhir/<URA>.json}), so a client created by a test has data too. Each resource carries its
 * data category as a {@code meta.tag}.
 */
@Path("/fhir/{ura}")
@Produces("application/fhir+json")
public class SourceSystemResource {

    private static final String FHIR_JSON = "application/fhir+json";
    private final ObjectMapper mapper;
    private final Map<String, JsonNode> dossiers = new TreeMap<>();

    public SourceSystemResource(ObjectMapper mapper) {
        this.mapper = mapper;
        for (String ura : new String[] {"00000101", "00000201", "00000301"}) {
            try (InputStream in = getClass().getResourceAsStream("/fhir/" + ura + ".json")) {
                dossiers.put(ura, mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @GET
    @Path("/{type}")
    public Response search(@PathParam("ura") String ura, @PathParam("type") String type,
            @QueryParam("patient.identifier") String patientIdentifier) {
        JsonNode dossier = dossiers.get(ura);
        if (dossier == null) {
            return problem(404, "not-found", "No source system with URA '" + sanitize(ura) + "' in this simulator.");
        }
        String prefix = NamingSystems.BSN + "|";
        if (patientIdentifier == null || !patientIdentifier.startsWith(prefix)
                || !Identifiers.isValidBsn(patientIdentifier.substring(prefix.length()))) {
            return problem(400, "required", "Give patient.identifier=" + NamingSystems.BSN + "|<a valid BSN>.");
        }
        String bsn = patientIdentifier.substring(prefix.length());
        ObjectNode bundle = mapper.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        int index = 0;
        for (JsonNode template : dossier) {
            if (!type.equals(template.path("resourceType").asText())) {
                continue;
            }
            ObjectNode resource = template.deepCopy();
            String id = ura + "-" + bsn + "-" + (++index);
            resource.put("id", id);
            resource.putObject("subject").putObject("identifier").put("system", NamingSystems.BSN).put("value", bsn);
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "urn:inzage:simulator:" + ura + ":" + type + "/" + id);
            entry.set("resource", resource);
            entry.putObject("search").put("mode", "match");
        }
        bundle.put("total", entries.size());
        return Response.ok(bundle).type(FHIR_JSON).build();
    }

    private Response problem(int status, String code, String diagnostics) {
        ObjectNode outcome = mapper.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue").addObject().put("severity", "error").put("code", code).put("diagnostics", diagnostics);
        return Response.status(status).type(FHIR_JSON).entity(outcome).build();
    }

    private static String sanitize(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "?");
    }
}
