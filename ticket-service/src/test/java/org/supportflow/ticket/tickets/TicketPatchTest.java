package org.supportflow.ticket.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PATCH body as the strict reader reads it: absent, null and unknown fields. */
class TicketPatchTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module());

    private TicketPatch read(String json) throws Exception {
        return new StrictJsonReader().apply(mapper, TicketPatch.class).readValue(json);
    }

    @Test
    void anAbsentAssigneeChangesNothingAndANullOneUnassigns() throws Exception {
        assertThat(read("{\"priority\": \"HIGH\", \"version\": 3}").assignee()).isNull();
        assertThat(read("{\"assignee\": null, \"version\": 3}").assignee()).isEqualTo(Optional.empty());
        assertThat(read("{\"assignee\": \"agent2\"}").assignee()).contains("agent2");
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertThatThrownBy(() -> read("{\"colour\": \"red\", \"version\": 3}"))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void aBodyWithOnlyAVersionChangesNothing() throws Exception {
        assertThat(read("{\"version\": 3}").changesNothing()).isTrue();
        assertThat(read("{\"tags\": [], \"version\": 3}").changesNothing()).isFalse();
    }
}
