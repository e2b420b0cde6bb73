package org.supportflow.routing.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersFieldsAndDotPaths() throws Exception {
        var body = JSON.readTree("{\"carrier\": {\"ko\": \"CJ대한통운\"}, \"eta\": \"2026-12-08\", \"n\": 3}");

        assertThat(AnswerTemplate.render("{carrier.ko}, {eta}, {n}일 ($1 \\\\)", body))
                .contains("CJ대한통운, 2026-12-08, 3일 ($1 \\\\)");
    }

    @Test
    void aMissingOrNullOrObjectFieldMakesTheTemplateUnusable() throws Exception {
        var body = JSON.readTree("{\"carrier\": null, \"item\": {\"ko\": \"x\"}}");

        assertThat(AnswerTemplate.render("{carrier}", body)).isEmpty();
        assertThat(AnswerTemplate.render("{item}", body)).isEmpty();
        assertThat(AnswerTemplate.render("{nothing.here}", body)).isEmpty();
        assertThat(AnswerTemplate.render("no fields", body)).contains("no fields");
    }
}
