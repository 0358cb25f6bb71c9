package nl.inzage.consent.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result body published and the one the AsyncAPI document of the contracts module describes are the same. */
class InboundResultContractTest {

    @Test
    void asyncApiDescribesExactlyTheResultsFields() throws IOException {
        JsonNode document;
        try (InputStream in = InboundResultContractTest.class.getResourceAsStream("/asyncapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> documented = new ArrayList<>();
        document.at("/components/messages/InboundResult/payload/properties").fieldNames().forEachRemaining(documented::add);
        List<String> fields = Arrays.stream(InboundResult.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(fields);
    }
}
