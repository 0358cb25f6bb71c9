package nl.inzage.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The topic constants the code uses and the one declared list the scripts create must agree. */
class TopicsTest {

    private static final Path TOPICS_CONF = Path.of("..", "deploy", "local", "topics.conf");

    @Test
    void everyTopicConstantIsDeclaredInTheLocalStackList() throws Exception {
        Set<String> declared = declaredTopics();
        for (String topic : fixedTopicNames()) {
            assertThat(declared).as("topics.conf declares %s", topic).contains(topic);
        }
    }

    @Test
    void everyDeclaredTopicIsKnownToTheCode() throws Exception {
        Set<String> fixed = fixedTopicNames();
        Pattern consentInbound = Pattern.compile(Topics.CONSENT_INBOUND_PATTERN);
        Pattern relationshipInbound = Pattern.compile(Topics.RELATIONSHIP_INBOUND_PATTERN);
        for (String topic : declaredTopics()) {
            boolean known = fixed.contains(topic)
                    || consentInbound.matcher(topic).matches()
                    || relationshipInbound.matcher(topic).matches();
            assertThat(known).as("%s is a topic the code knows", topic).isTrue();
        }
    }

    @Test
    void stateTopicsAreCompacted() throws IOException {
        for (String line : Files.readAllLines(TOPICS_CONF)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && (fields[0].equals(Topics.CONSENT_EVENTS) || fields[0].equals(Topics.RELATIONSHIP_EVENTS))) {
                assertThat(fields[2]).contains("cleanup.policy=compact");
            }
        }
    }

    private static Set<String> declaredTopics() throws IOException {
        return Files.readAllLines(TOPICS_CONF).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")[0])
                .collect(Collectors.toSet());
    }

    private static Set<String> fixedTopicNames() throws IllegalAccessException {
        Set<String> names = new java.util.HashSet<>();
        for (Field field : Arrays.stream(Topics.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers())).toList()) {
            String name = field.getName();
            if (!name.endsWith("_PREFIX") && !name.endsWith("_PATTERN")) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }
}
