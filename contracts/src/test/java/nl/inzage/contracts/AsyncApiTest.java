package nl.inzage.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AsyncAPI document describes every declared topic and exactly the fields of each payload record. */
class AsyncApiTest {

    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream("/asyncapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAsyncApi3() {
        assertThat(document.get("asyncapi").asText()).startsWith("3.");
    }

    @Test
    void describesEveryDeclaredTopic() throws IOException {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        Set<String> declared = Files.readAllLines(Path.of("..", "deploy", "local", "topics.conf")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0])
                .map(topic -> topic.replaceAll("\\.[0-9]{8}$", ".{ura}"))
                .collect(Collectors.toSet());
        assertThat(addresses).containsAll(declared);
    }

    @ParameterizedTest
    @ValueSource(classes = {ConsentChanged.class, RelationshipChanged.class, AccessDecided.class, EmergencyAccessGranted.class, ConsentRule.class, Actor.class})
    void schemaHasExactlyTheRecordsFields(Class<?> record) {
        JsonNode schema = document.get("components").get("schemas").get(record.getSimpleName());
        assertThat(schema).as("schema %s", record.getSimpleName()).isNotNull();
        List<String> documented = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(documented::add);
        List<String> fields = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(fields);
    }
}
