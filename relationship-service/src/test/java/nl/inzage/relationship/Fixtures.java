package nl.inzage.relationship;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import nl.inzage.contracts.Identifiers;

/** Request bodies under {@code src/test/resources/relationships/}, as they are or with one member changed. */
public final class Fixtures {

    public static final String TREATMENT = "treatment-00000101.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> USED_BSNS = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /** The treatment fixture for another client, organisation, kind and period; end may be null. */
    public static String registration(String bsn, String ura, String kind, String start, String end) {
        ObjectNode node = treatment();
        node.put("patient", bsn);
        node.put("organization", ura);
        node.put("kind", kind);
        node.put("start", start);
        if (end == null) {
            node.remove("end");
        } else {
            node.put("end", end);
        }
        return node.toString();
    }

    /** A BSN of the test range (9999…) no other test of this run has used: the range holds only about 9,000. */
    public static String freshBsn() {
        while (true) {
            String first = "9999" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (first.charAt(i) - '0');
            }
            int check = sum % 11;
            if (check < 10 && Identifiers.isValidBsn(first + check) && USED_BSNS.add(first + check)) {
                return first + check;
            }
        }
    }
}
