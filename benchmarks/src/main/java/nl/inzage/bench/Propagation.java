package nl.inzage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Item 4 of issue 10: a withdrawal at consent-service until the gateway's first deny. For each of
 * N new clients (consent at 00000101 by its source system, treatment relationship there), the
 * consent is withdrawn with a PUT at consent-service, and the gateway is asked again and again,
 * without a revision, until it denies: the time from sending the PUT to that first deny. Then, for
 * N more clients, the question is asked once, right after the withdrawal, with the revision the
 * withdrawal returned: every permit there is a stale permit.
 *
 * <p>Usage: {@code Propagation consentUrl relationshipUrl gatewayUrl sourceTokenFile pepTokenFile consentJson n out}
 */
public final class Propagation {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Client(String bsn, String consentId, String consent, long consentRevision, long relationshipRevision) {
    }

    public static void main(String[] args) throws Exception {
        String consentUrl = args[0];
        String relationshipUrl = args[1];
        String gatewayUrl = args[2];
        String source = Files.readString(Path.of(args[3])).trim();
        String pep = Files.readString(Path.of(args[4])).trim();
        String template = Files.readString(Path.of(args[5]));
        int n = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);

        Client[] timed = new Client[n];
        Client[] tokened = new Client[n];
        for (int i = 0; i < n; i++) {
            timed[i] = register(consentUrl, relationshipUrl, source, template, Workload.bsn(60_000_000 + i));
            tokened[i] = register(consentUrl, relationshipUrl, source, template, Workload.bsn(61_000_000 + i));
        }
        Client last = tokened[n - 1];
        for (Client client : new Client[] {timed[0], last}) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!ask(gatewayUrl, pep, client.bsn(), client.consentRevision(), client.relationshipRevision())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the gateway never permitted the new client " + client.bsn());
                }
                Thread.sleep(100);
            }
        }
        System.out.printf("propagation: %d + %d clients registered and permitted%n", n, n);

        Histogram sentToDeny = new Histogram(60_000_000L, 3);
        Histogram ackedToDeny = new Histogram(60_000_000L, 3);
        long polls = 0;
        for (Client client : timed) {
            long sent = System.nanoTime();
            withdraw(consentUrl, source, client);
            long acked = System.nanoTime();
            while (ask(gatewayUrl, pep, client.bsn(), 0, 0)) {
                polls++;
                if (System.nanoTime() - sent > 30_000_000_000L) {
                    throw new IllegalStateException("no deny 30 s after withdrawing " + client.consentId());
                }
            }
            long denied = System.nanoTime();
            sentToDeny.recordValue((denied - sent) / 1000);
            ackedToDeny.recordValue((denied - acked) / 1000);
        }
        int stalePermits = 0;
        for (Client client : tokened) {
            long revision = withdraw(consentUrl, source, client);
            if (ask(gatewayUrl, pep, client.bsn(), revision, 0)) {
                stalePermits++;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("withdrawals_timed", n);
        result.put("sent_to_deny_p50_ms", sentToDeny.getValueAtPercentile(50) / 1000.0);
        result.put("sent_to_deny_p99_ms", sentToDeny.getValueAtPercentile(99) / 1000.0);
        result.put("sent_to_deny_max_ms", sentToDeny.getMaxValue() / 1000.0);
        result.put("acked_to_deny_p50_ms", ackedToDeny.getValueAtPercentile(50) / 1000.0);
        result.put("acked_to_deny_p99_ms", ackedToDeny.getValueAtPercentile(99) / 1000.0);
        result.put("permits_seen_while_polling", polls);
        result.put("withdrawals_with_revision", n);
        result.put("stale_permits_with_revision", stalePermits);
        String line = JSON.writeValueAsString(result);
        System.out.println(line);
        Files.writeString(out, line + "\n");
    }

    private static Client register(String consentUrl, String relationshipUrl, String source, String template, String bsn)
            throws Exception {
        HttpResponse<String> consent = HTTP.send(HttpRequest.newBuilder(URI.create(consentUrl + "/fhir/Consent"))
                .header("Authorization", "Bearer " + source).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(template.replace("999993653", bsn))).build(), HttpResponse.BodyHandlers.ofString());
        require(consent, "POST Consent");
        HttpResponse<String> relationship = HTTP.send(HttpRequest.newBuilder(URI.create(relationshipUrl + "/relationships"))
                .header("Authorization", "Bearer " + source).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patient\":\"" + bsn + "\",\"organization\":\"00000101\","
                        + "\"organizationType\":\"G3\",\"kind\":\"treatment\",\"start\":\"2026-01-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        require(relationship, "POST relationship");
        String id = JSON.readTree(consent.body()).get("id").asText();
        return new Client(bsn, id, consent.body(), revision(consent, "X-Consent-Revision"), revision(relationship, "X-Relationship-Revision"));
    }

    /** Withdraws the client's consent; the store revision of the withdrawal. */
    private static long withdraw(String consentUrl, String source, Client client) throws Exception {
        var resource = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(client.consent());
        resource.put("status", "inactive");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(consentUrl + "/fhir/Consent/" + client.consentId()))
                .header("Authorization", "Bearer " + source).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(resource))).build(), HttpResponse.BodyHandlers.ofString());
        require(response, "PUT Consent (withdrawal)");
        return revision(response, "X-Consent-Revision");
    }

    private static boolean ask(String gatewayUrl, String pep, String bsn, long consentRevision, long relationshipRevision)
            throws Exception {
        String body = "{\"subject\":{\"type\":\"practitioner\",\"id\":\"900000101\",\"properties\":{\"subject_organization_id\":\"00000101\","
                + "\"subject_role\":\"verloskundige\",\"subject_facility_type\":\"G3\"}},\"action\":{\"name\":\"read\"},"
                + "\"resource\":{\"type\":\"patient-data\",\"id\":\"" + bsn + "\",\"properties\":{\"data_holder_organization_id\":"
                + "\"00000101\",\"data_category\":\"pregnancy\"}},\"context\":{\"purpose_of_use\":\"TREAT\"}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/access/v1/evaluation"))
                .header("Authorization", "Bearer " + pep).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (consentRevision > 0) {
            request.header("X-Consent-Revision", Long.toString(consentRevision));
        }
        if (relationshipRevision > 0) {
            request.header("X-Relationship-Revision", Long.toString(relationshipRevision));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        require(response, "evaluation");
        return response.body().contains("\"decision\":true");
    }

    private static long revision(HttpResponse<String> response, String header) {
        return Long.parseLong(response.headers().firstValue(header)
                .orElseThrow(() -> new IllegalStateException("no " + header + " on " + response.uri())));
    }

    private static void require(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body()
                    .substring(0, Math.min(300, response.body().length())));
        }
    }
}
