package org.supportflow.gateway.widget;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a widget page speaks for: an anonymous visitor (a random id the gateway made) or, when the site vouched
 * for its logged-in user with the identity HMAC, that user.
 *
 * @param visitorId the random id of this browser's session
 * @param userId    the site's own user id, verified; empty for anonymous visitors
 */
public record VisitorToken(String channelId, String visitorId, Optional<String> userId, Instant issuedAt) {

    /**
     * The customer id the platform knows this visitor by: the site's user id when verified (so a user's history
     * follows them to another device), else the visitor id.
     */
    public String customerId() {
        return userId.map(id -> "user:" + id).orElse("visitor:" + visitorId);
    }
}
