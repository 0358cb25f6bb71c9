package nl.inzage.deploy.model;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The rendered objects of one overlay, by type. */
public record Rendered(String overlay, List<JsonNode> nodes) {

    public static Rendered of(String overlay) {
        return new Rendered(overlay, Kustomize.render(overlay));
    }

    /** Every object whose model is {@code type}, parsed strictly. */
    public <T> List<T> all(Class<T> type) {
        return nodes.stream()
                .filter(node -> type.equals(TypedModels.KINDS.get(TypedModels.kindOf(node))))
                .map(node -> TypedModels.parse(node, type))
                .toList();
    }

    public <T> Optional<T> named(Class<T> type, String name) {
        return nodes.stream()
                .filter(node -> type.equals(TypedModels.KINDS.get(TypedModels.kindOf(node))))
                .filter(node -> name.equals(node.path("metadata").path("name").asText()))
                .map(node -> TypedModels.parse(node, type))
                .findFirst();
    }

    public <T> T require(Class<T> type, String name) {
        return named(type, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    @Override
    public String toString() {
        return overlay;
    }
}
