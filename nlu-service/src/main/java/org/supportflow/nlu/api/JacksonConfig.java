package org.supportflow.nlu.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.supportflow.contracts.json.EventJson;

/** The REST layer writes JSON the way events do (ISO instants, no nulls, unknown fields ignored). */
@Singleton
public class JacksonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
