package nl.inzage.gateway.rest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Reads a body that is forwarded or acted on as given (the viewer's reason bodies): unknown and duplicate members
 * are refused, where Quarkus' default drops the unknown and keeps the last duplicate. A misspelt member must not
 * pass as "no reason" or reach relationship-service, which refuses it and left the gateway answering 502.
 * Use with {@code @CustomDeserialization(StrictBody.class)} on the resource method.
 */
public class StrictBody implements BiFunction<ObjectMapper, Type, ObjectReader> {

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type))
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
