package org.supportflow.gateway.widget;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitorTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final VisitorTokens tokens = tokensAt(NOW);

    private static VisitorTokens tokensAt(Instant now) {
        return new VisitorTokens("demo-web", "channel-secret", Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30));
    }

    @Test
    void aTokenStandsForItsVisitorAndUser() {
        VisitorToken anonymous = tokens.verify(tokens.issue("visitor-1", Optional.empty()));
        assertThat(anonymous.visitorId()).isEqualTo("visitor-1");
        assertThat(anonymous.userId()).isEmpty();
        assertThat(anonymous.customerId()).isEqualTo("visitor:visitor-1");

        VisitorToken user = tokens.verify(tokens.issue("visitor-1", Optional.of("u-42")));
        assertThat(user.customerId()).isEqualTo("user:u-42");
        assertThat(tokens.verify(tokens.issue(null, Optional.empty())).visitorId()).as("a fresh visitor").isNotBlank()
                .isNotEqualTo("visitor-1");
    }

    @Test
    void forgedOtherChannelsAndExpiredTokensAre401() {
        String token = tokens.issue("visitor-1", Optional.empty());
        String payload = token.substring(0, token.indexOf('.'));
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "v1\ndemo-web\nvisitor-1\nadmin\n1796205600".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertRefused(forgedPayload + token.substring(token.indexOf('.')), "invalid_visitor_token");
        assertRefused(payload + ".AAAA", "invalid_visitor_token");
        assertRefused("garbage", "invalid_visitor_token");
        assertRefused("%%%.###", "invalid_visitor_token");
        assertRefused(null, "missing_visitor_token");
        VisitorTokens otherChannel = new VisitorTokens("other-web", "channel-secret", Clock.systemUTC(), Duration.ofDays(1));
        assertThatThrownBy(() -> otherChannel.verify(token)).isInstanceOf(ApiException.class);
        VisitorTokens otherSecret = new VisitorTokens("demo-web", "rotated-secret", Clock.systemUTC(), Duration.ofDays(1));
        assertThatThrownBy(() -> otherSecret.verify(token)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tokensAt(NOW.plus(Duration.ofDays(31))).verify(token))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("visitor_token_expired"));
    }

    @Test
    void theIdentityHashIsTheHexHmacOfTheUserId() {
        String hash = VisitorTokens.identityHash("identity-secret", "u-42");
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(VisitorTokens.identityMatches("identity-secret", "u-42", hash)).isTrue();
        assertThat(VisitorTokens.identityMatches("identity-secret", "u-42", hash.toUpperCase())).isTrue();
        assertThat(VisitorTokens.identityMatches("identity-secret", "u-43", hash)).isFalse();
        assertThat(VisitorTokens.identityMatches("other-secret", "u-42", hash)).isFalse();
        assertThat(VisitorTokens.identityMatches("identity-secret", "u-42", "not hex")).isFalse();
        assertThat(VisitorTokens.identityMatches("identity-secret", "u-42", null)).isFalse();
    }

    private void assertRefused(String token, String code) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}
