package org.supportflow.gateway.ratelimit;

/**
 * A token-bucket limit: {@code perSecond} sustained, {@code burst} at once.
 */
public record RateLimit(double perSecond, double burst) {

    public RateLimit {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1, got "
                    + perSecond + "/" + burst);
        }
    }
}
