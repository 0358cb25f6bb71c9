package nl.inzage.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stub FHIR data holder for the viewer-path benchmark: every search under {@code /fhir/{ura}/}
 * answers after a fixed delay with a searchset Bundle of three Observations (pregnancy, lab
 * results, delivery), without holding a thread while it waits. Not a FHIR server.
 *
 * <p>Usage: {@code StubHolder port delayMillis}
 */
public final class StubHolder {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fhir/", exchange -> {
            String holder = exchange.getRequestURI().getPath().split("/")[2];
            byte[] body = bundle(holder).getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            timer.schedule(() -> {
                try {
                    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (Exception ignored) {
                    // the gateway gave up; nothing to do
                } finally {
                    exchange.close();
                }
            }, delay, TimeUnit.MILLISECONDS);
        });
        server.start();
        System.out.println("stub data holders on 127.0.0.1:" + port + "/fhir/{ura}, answering after " + delay + " ms");
    }

    static String bundle(String holder) {
        StringBuilder entries = new StringBuilder();
        String[][] codes = {{"882-1", "pregnancy"}, {"718-7", "lab-results"}, {"11636-8", "delivery"}};
        for (int i = 0; i < codes.length; i++) {
            if (i > 0) {
                entries.append(',');
            }
            entries.append("{\"fullUrl\":\"urn:uuid:").append(holder).append('-').append(i).append("\",\"resource\":{")
                    .append("\"resourceType\":\"Observation\",\"id\":\"").append(holder).append('-').append(i)
                    .append("\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"")
                    .append(codes[i][0]).append("\"}]},\"valueString\":\"").append(codes[i][1]).append("\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":3,\"entry\":[" + entries + "]}";
    }
}
