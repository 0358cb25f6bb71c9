package nl.inzage.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import nl.inzage.gateway.decision.DomainMatrix;
import org.junit.jupiter.api.Test;

class DefaultMatrixTest {

    @Test
    void shippedConfigurationIsTheDomainMatrix() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String prefix = "inzage.access.matrix.";
        Map<String, Set<String>> configured = new HashMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith(prefix)).forEach(name ->
                configured.put(name.substring(prefix.length()),
                        Arrays.stream(properties.getProperty(name).split(",")).map(String::trim).collect(Collectors.toSet())));

        assertThat(configured).isEqualTo(DomainMatrix.BY_ROLE);
    }
}
