package org.supportflow.ticket.live;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a live stream stays open: no longer than the access token that opened it, so a signed-out or
 * expired session stops receiving changes; the console then reconnects with its refreshed token.
 */
final class StreamLifetime {

    /** The cap when the token tells no expiry. */
    static final Duration MAX = Duration.ofHours(1);
    private static final Duration MIN = Duration.ofSeconds(1);

    private StreamLifetime() {
    }

    static Duration of(Instant tokenExpiry, Instant now) {
        if (tokenExpiry == null) {
            return MAX;
        }
        Duration left = Duration.between(now, tokenExpiry);
        if (left.compareTo(MIN) < 0) {
            return MIN;
        }
        return left.compareTo(MAX) > 0 ? MAX : left;
    }
}
