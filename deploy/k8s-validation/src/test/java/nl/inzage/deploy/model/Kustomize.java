package nl.inzage.deploy.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders an overlay the way an operator applies it: {@code kubectl kustomize deploy/k8s/overlays/<name>}.
 * kubectl is a build prerequisite (./dev installs it); a missing or too old one fails with what to do.
 */
public final class Kustomize {

    public static final List<String> OVERLAYS = List.of("dev", "production");

    /** kubectl's built-in kustomize must understand `labels` and inline JSON6902 `patches` (v5). */
    private static final int MIN_KUSTOMIZE_MAJOR = 5;
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");
    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** Every object of the rendered overlay, as parsed YAML (cached: kubectl runs once per overlay). */
    public static List<JsonNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::run);
    }

    private static List<JsonNode> run(String overlay) {
        requireKubectl();
        Path dir = Repo.k8s().resolve("overlays").resolve(overlay);
        Result r = exec("kubectl", "kustomize", dir.toString());
        if (r.exit != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + r.exit + "):\n" + r.err);
        }
        try {
            return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(r.out).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + " printed YAML that does not parse", e);
        }
    }

    private static void requireKubectl() {
        Result version;
        try {
            version = exec("kubectl", "version", "--client");
        } catch (AssertionError missing) {
            throw new AssertionError("""
                    kubectl is missing: the Kubernetes manifests under deploy/k8s are rendered with \
                    `kubectl kustomize`. Run ./dev test (it installs kubectl when run as root), or \
                    install it yourself: apt-get install kubectl (Debian).""", missing);
        }
        Matcher m = KUSTOMIZE_VERSION.matcher(version.out);
        if (version.exit != 0 || !m.find() || Integer.parseInt(m.group(1)) < MIN_KUSTOMIZE_MAJOR) {
            throw new AssertionError("kubectl with a built-in kustomize v" + MIN_KUSTOMIZE_MAJOR
                    + " or newer is needed (kubectl 1.27+); `kubectl version --client` says:\n" + version.out + version.err);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(String... command) {
        try {
            // stderr goes to a file: reading both pipes one after the other could block on a full one.
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
                }
                return new Result(p.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }
}
