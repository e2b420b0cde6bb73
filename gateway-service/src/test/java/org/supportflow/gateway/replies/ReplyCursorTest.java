package org.supportflow.gateway.replies;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyCursorTest {

    @Test
    void roundTrips() {
        assertThat(ReplyCursor.parse(ReplyCursor.format(42))).isEqualTo(42);
        assertThat(ReplyCursor.parse(null)).isEqualTo(ReplyCursor.START);
        assertThat(ReplyCursor.parse("")).isEqualTo(ReplyCursor.START);
    }

    @Test
    void refusesWhatItDidNotIssue() {
        for (String bad : new String[]{"-1", "abc", "1.5", "99999999999999999999", " 1"}) {
            assertThatThrownBy(() -> ReplyCursor.parse(bad)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo("invalid_cursor"));
        }
    }

    @Test
    void theSignedTargetIsPathAndQueryAsReceived() {
        assertThat(RepliesService.signedTarget("/api/v1/conversations/c/replies?after=3"))
                .isEqualTo("/api/v1/conversations/c/replies?after=3");
        assertThat(RepliesService.signedTarget("/api/v1/conversations/c%2Fx/replies"))
                .isEqualTo("/api/v1/conversations/c%2Fx/replies");
        assertThat(RepliesService.signedTarget("http://gw:8080/api/v1/conversations/c/replies?after=3"))
                .isEqualTo("/api/v1/conversations/c/replies?after=3");
    }
}
