package nl.inzage.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as a child
 * process of a test, on a port of its own, for what an in-JVM {@code @QuarkusTest} cannot show: a
 * {@code kill -9} and a restart. The same approach as audit-service's {@code RestartNoLossIT}.
 */
public final class ServiceProcess implements AutoCloseable {

    /** A start takes seconds on an idle machine, but minutes on a shared, overloaded one (load 25 on 2 cores seen). */
    private static final Duration START = Duration.ofMinutes(5);

    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * @param properties system properties ({@code -Dname=value} without the {@code -D}) that
     *        point it at the test's database, broker and OIDC server
     */
    public ServiceProcess(String name, List<String> properties, String heap) throws IOException {
        this(name, properties, List.of("-Xmx" + heap));
    }

    /**
     * @param jvmOptions options for the JVM (heap, GC, JIT), before the system properties
     */
    public ServiceProcess(String name, List<String> properties, List<String> jvmOptions) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged service (mvn package) is there").exists();
        this.port = freePort();
        this.log = Files.createTempFile(name, ".log");
        this.command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-jar", jar.toString()));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (appending to its log) and waits until it is ready. */
    public ServiceProcess start() throws IOException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(new File("."))
                .start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the service process is running; its log: " + log).isTrue();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return ready.statusCode() == 200;
        });
        return this;
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Unix): no shutdown hook, no last commit. */
    public void killDashNine() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
