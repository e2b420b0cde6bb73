package org.supportflow.web;

import com.fasterxml.jackson.core.JsonParseException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The mappers as plain methods: status, code and a message that never carries the internal one. */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void anUnexpectedFailureIsA500WithoutItsMessage() {
        Response response = mappers.unexpected(new IllegalStateException("password=hunter2 at db.internal:5432"));
        assertThat(response.getStatus()).isEqualTo(500);
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error()).isEqualTo("internal_error");
        assertThat(body.message()).doesNotContain("hunter2").doesNotContain("IllegalState");
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterButADataErrorIsNot() {
        Response down = mappers.unexpected(new RuntimeException(new SQLException("refused", "08001")));
        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(((ErrorBody) down.getEntity()).error()).isEqualTo("unavailable");
        assertThat(down.getHeaderString("Retry-After")).isEqualTo("1");

        Response nul = mappers.unexpected(new RuntimeException(new SQLException("invalid byte sequence", "22021")));
        assertThat(nul.getStatus()).isEqualTo(500);
    }

    @Test
    void frameworkRefusalsKeepTheirStatusWithTheSharedCodeAndNoEcho() {
        Response notAllowed = mappers.web(new NotAllowedException("secret detail", "GET", new String[] {"POST"}));
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(((ErrorBody) notAllowed.getEntity()).error()).isEqualTo("method_not_allowed");
        assertThat(((ErrorBody) notAllowed.getEntity()).message()).doesNotContain("secret");

        Response media = mappers.web(new NotSupportedException("text/evil not supported"));
        assertThat(media.getStatus()).isEqualTo(415);
        assertThat(((ErrorBody) media.getEntity()).error()).isEqualTo("unsupported_media_type");

        Response limited = mappers.web(new WebApplicationException(429));
        assertThat(((ErrorBody) limited.getEntity()).error()).isEqualTo("rate_limited");

        Response failed = mappers.web(new WebApplicationException("boom inside", 502));
        assertThat(failed.getStatus()).isEqualTo(500);
        assertThat(((ErrorBody) failed.getEntity()).message()).doesNotContain("boom");
    }

    @Test
    void aJsonParseErrorIsA400WithoutTheParsersMessage() {
        Response response = mappers.invalidJson(new JsonParseException(null, "Unexpected character ('<' (code 60))"));
        assertThat(response.getStatus()).isEqualTo(400);
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error()).isEqualTo("invalid_json");
        assertThat(body.message()).doesNotContain("Unexpected character");
    }

    @Test
    void anApiExceptionKeepsItsStatusCodeAndRetryAfter() {
        Response response = mappers.api(ApiException.rateLimited("slow down", Duration.ofMillis(1500)));
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("rate_limited");
    }
}
