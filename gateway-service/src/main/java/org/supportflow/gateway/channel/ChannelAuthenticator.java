package org.supportflow.gateway.channel;

import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.web.ApiException;

import java.time.Clock;
import java.time.Duration;

/**
 * Checks a channel's {@code X-Timestamp}/{@code X-Signature-256} over a payload (the raw body of a POST, the
 * {@code path?query} of a GET) with {@link ChannelSignature}: constant-time compare, bounded clock skew.
 * Anything but a valid signature is a 401 whose code tells the integrator what to fix.
 */
public final class ChannelAuthenticator {

    private final Clock clock;
    private final Duration tolerance;

    public ChannelAuthenticator(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    public void authenticate(Channel channel, String timestamp, String signature, byte[] payload) {
        ChannelSignature.Verification result =
                ChannelSignature.verify(channel.secret(), timestamp, signature, payload, clock, tolerance);
        switch (result) {
            case VALID -> {
            }
            case MISSING -> throw ApiException.unauthorized("missing_signature",
                    "X-Timestamp and X-Signature-256 headers are required");
            case MALFORMED -> throw ApiException.unauthorized("malformed_signature",
                    "X-Timestamp must be epoch seconds and X-Signature-256 'sha256=<hex>'");
            case STALE_TIMESTAMP -> throw ApiException.unauthorized("stale_timestamp",
                    "X-Timestamp is more than " + tolerance.toSeconds() + " seconds from the server clock");
            case MISMATCH -> throw ApiException.unauthorized("invalid_signature", "the signature does not match");
        }
    }
}
