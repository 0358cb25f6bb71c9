package nl.inzage.relationship;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Request bodies under {@code src/test/resources/relationships/}, as they are or with one member changed. */
public final class Fixtures {

    public static final String TREATMENT = "treatment-00000101.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static String body(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/relationships/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The treatment fixture with {@code member} set to a JSON value ({@code "\"G3\""}, {@code "42"}, ...). */
    public static String with(String member, String jsonValue) {
        ObjectNode node = treatment();
        try {
            node.set(member, JSON.readTree(jsonValue));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node.toString();
    }

    public static String without(String member) {
        ObjectNode node = treatment();
        node.remove(member);
        return node.toString();
    }

    public static ObjectNode treatment() {
        try {
            return (ObjectNode) JSON.readTree(body(TREATMENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
