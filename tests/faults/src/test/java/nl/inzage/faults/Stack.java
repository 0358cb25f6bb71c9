package nl.inzage.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The running stack of {@code ./dev up} as the fault suite sees it: its ports, its processes (pid files under
 * {@code .dev/pids}), the project's own scripts to stop and start its parts, Keycloak tokens and the databases.
 */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String CONSENT = "http://127.0.0.1:8081";
    static final String RELATIONSHIP = "http://127.0.0.1:8082";
    static final String AUDIT = "http://127.0.0.1:8083";
    static final Map<String, Integer> PORTS = Map.of("consent-service", 8081, "relationship-service", 8082,
            "audit-service", 8083, "access-gateway", 8080);
    private static final String TOKEN_URL = "http://127.0.0.1:8180/realms/geboortezorg/protocol/openid-connect/token";

    final Path root = Path.of(System.getProperty("faults.root", "../..")).toAbsolutePath().normalize();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, long renewAtNanos) {
    }

    /** A client-credentials token (source systems, pep), renewed a minute before it expires. */
    String clientToken(String clientId, String secret) {
        return token(clientId, "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret));
    }

    /** A demo user's token (password = user name), through the dev-cli client. */
    String userToken(String user) {
        return token(user, "grant_type=password&client_id=dev-cli&username=" + enc(user) + "&password=" + enc(user));
    }

    private String token(String key, String form) {
        Token known = tokens.get(key);
        if (known != null && System.nanoTime() < known.renewAtNanos()) {
            return known.value();
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Keycloak answered " + answer.statusCode() + " for " + key);
            }
            JsonNode body = JSON.readTree(answer.body());
            long lifetime = Math.max(30, body.path("expires_in").asLong(300) - 60);
            Token fresh = new Token(body.path("access_token").asText(), System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime));
            tokens.put(key, fresh);
            return fresh.value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one of the project's scripts (path relative to the checkout); its exit code. Output goes to target/faults-scripts.log. */
    int script(Map<String, String> env, String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, root.resolve(command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "faults-scripts.log").toFile()));
        builder.environment().putAll(env);
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int script(String... command) {
        return script(Map.of(), command);
    }

    /** The pid deploy/local/services.sh recorded for a service (the leader of its process group). */
    long pid(String service) {
        try {
            return Long.parseLong(Files.readString(root.resolve(".dev/pids/" + service + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9 of the service's whole process group: no shutdown hook, no flush, nothing. */
    void kill9(String service) {
        long pid = pid(service);
        ProcessHandle.of(pid).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    boolean ready(String service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A connection to a service's database, as the role that owns it (password = role name: local development only). */
    Connection database(String name) throws SQLException {
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, name, name);
    }

    /** What the JVM of a service holds now: heap used after a full GC (jcmd), and its open sockets. */
    Footprint footprint(String service) {
        long pid = pid(service);
        long heap = -1;
        try {
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(60, TimeUnit.SECONDS);
            Process info = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor(30, TimeUnit.SECONDS);
            java.util.regex.Matcher used = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K").matcher(text);
            if (used.find()) {
                heap = Long.parseLong(used.group(1)) * 1024;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long sockets = 0;
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            sockets = fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Footprint(heap, sockets);
    }

    record Footprint(long heapBytes, long sockets) {
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
