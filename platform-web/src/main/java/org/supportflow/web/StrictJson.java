package org.supportflow.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies with a key twice ({@code {"text": "hi", "text": false}}) are refused as invalid JSON (400)
 * in every service. Which of the two values counts would otherwise be the parser's guess, and for records
 * Jackson fails with a definition error that Quarkus answers with a 500.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
