package nl.inzage.gateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Content after the JSON value ({@code {...}}}) is refused, not ignored: Jackson stops at the end of the first
 * value by default, so a body with trailing garbage was decided (AuthZEN) or granted (emergency access) as if it
 * were whole. A body that is not exactly one JSON value means the caller sent something other than it thinks.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
