package nl.inzage.deploy.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is: the build passes its root; run from the module directory it is two levels up. */
public final class Repo {

    private Repo() {
    }

    public static Path root() {
        String configured = System.getProperty("inzage.repo.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deploy/k8s"))) {
            throw new IllegalStateException("not an Inzage checkout (no deploy/k8s): " + root);
        }
        return root;
    }

    public static Path k8s() {
        return root().resolve("deploy/k8s");
    }
}
