package nl.inzage.gateway.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.inzage.contracts.NamingSystems;
import nl.inzage.gateway.config.FhirConfig;
import org.jboss.logging.Logger;

/**
 * Searches one data holder's FHIR endpoint for one client, asynchronously (the JDK client, no
 * thread waits). The client is always fixed by the gateway: the caller's own patient or subject
 * parameters, and includes that could reach other resources, are dropped.
 */
@ApplicationScoped
public class DataHolderSearch {

    private static final Logger LOG = Logger.getLogger(DataHolderSearch.class);
    private static final List<String> DROPPED_PREFIXES = List.of("patient", "subject", "_include", "_revinclude", "_has", "_contained");

    /** One holder's answer: its Bundle, or why there is none. */
    public record Answer(String holder, JsonNode bundle, String problem) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper mapper;
    private final Map<String, String> baseUrls;
    private final Duration budget;

    public DataHolderSearch(ObjectMapper mapper, FhirConfig config) {
        this.mapper = mapper;
        this.baseUrls = config.holders();
        this.budget = config.budget();
    }

    public boolean knows(String holder) {
        return baseUrls.containsKey(holder);
    }

    public java.util.Set<String> holders() {
        return baseUrls.keySet();
    }

    /** Never fails: a slow or failing holder gives an answer with a problem, within the budget. */
    public Uni<Answer> search(String holder, String type, Map<String, List<String>> query, String bsn) {
        URI uri = URI.create(stripSlash(baseUrls.get(holder)) + "/" + type + "?" + queryString(type, query, bsn));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(budget).header("Accept", "application/fhir+json").GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .ifNoItem().after(budget).fail()
                .map(response -> answer(holder, response))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("data holder %s gave no search result: %s", holder, failure.getClass().getSimpleName());
                    return new Answer(holder, null, failure instanceof io.smallrye.mutiny.TimeoutException
                            || failure instanceof java.net.http.HttpTimeoutException
                            ? "did not answer within " + budget : "could not be reached");
                });
    }

    private Answer answer(String holder, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Answer(holder, null, "answered with status " + response.statusCode());
        }
        try {
            JsonNode bundle = mapper.readTree(response.body());
            if (!"Bundle".equals(bundle.path("resourceType").asText())) {
                return new Answer(holder, null, "did not answer with a Bundle");
            }
            return new Answer(holder, bundle, null);
        } catch (Exception e) {
            return new Answer(holder, null, "answered with unreadable JSON");
        }
    }

    static String queryString(String type, Map<String, List<String>> query, String bsn) {
        String own = query.entrySet().stream()
                .filter(parameter -> DROPPED_PREFIXES.stream().noneMatch(prefix -> parameter.getKey().startsWith(prefix)))
                .flatMap(parameter -> parameter.getValue().stream().map(value -> encode(parameter.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
        String client = ("Patient".equals(type) ? "identifier" : "patient.identifier") + "=" + encode(NamingSystems.BSN + "|" + bsn);
        return own.isEmpty() ? client : own + "&" + client;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
