package org.supportflow.gateway.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.supportflow.gateway.kakao.KakaoChannelConfig;
import org.supportflow.gateway.widget.WidgetChannelConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Typed configuration of the gateway ({@code gateway.*} in application.properties).
 *
 * <p>Channels are declared as {@code gateway.channels.<id>.type|secret|callback-url|...}; in production the
 * secrets come from environment variables (see application.properties, {@code %prod}).
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The PostgreSQL schema of the gateway's tables (Flyway creates it; connections use it as search path). */
    @WithDefault("gateway")
    String dbSchema();

    /** Configured channels by id. */
    Map<String, ChannelConfig> channels();

    Ingest ingest();

    Conversation conversation();

    RateLimits rateLimits();

    Outbox outbox();

    Delivery delivery();

    Retention retention();

    interface ChannelConfig {
        /** web, kakao, messenger, sms, email or generic. */
        String type();

        /** The HMAC secret shared with the channel. */
        String secret();

        /** Where replies are POSTed (signed); without it the channel polls the replies endpoint. */
        Optional<URI> callbackUrl();

        /** Overrides {@code gateway.conversation.idle-timeout} for this channel. */
        Optional<Duration> conversationIdleTimeout();

        /** Overrides the default per-channel limit ({@code gateway.rate-limits.channel.*}). */
        @WithName("rate-limit")
        Optional<LimitOverride> rateLimit();

        /** Overrides the default per-customer limit ({@code gateway.rate-limits.customer.*}). */
        @WithName("customer-rate-limit")
        Optional<LimitOverride> customerRateLimit();

        /** KakaoTalk skill settings (type {@code kakao}). */
        KakaoChannelConfig kakao();

        /** Web chat widget settings (type {@code web}). */
        WidgetChannelConfig widget();
    }

    interface LimitOverride {
        OptionalDouble perSecond();

        OptionalDouble burst();
    }

    interface Ingest {
        /** Largest accepted request body; a bit above 4,000 characters of UTF-8 plus the envelope. */
        @WithDefault("32768")
        int maxBodyBytes();

        /** Longest {@code waitMs} a channel may ask for. */
        @WithDefault("4500")
        int maxWaitMs();

        /** Accepted clock skew of {@code X-Timestamp} (replay protection). */
        @WithDefault("PT5M")
        Duration signatureTolerance();

        /**
         * How long a replica remembers the replies it saw, for a {@code waitMs} retry that arrives just after
         * its reply (before the reply is stored); {@code PT0S} turns the memory off.
         */
        @WithDefault("PT30S")
        Duration recentReplyMemory();

        /** At most this many remembered replies (about 1 KB each): the memory is bounded under any load. */
        @WithDefault("20000")
        int recentReplyMaxEntries();

        /**
         * Group commit: how long the committer waits for more requests after the first of a group (requests
         * that arrive while a commit is in flight join the next group anyway); {@code PT0S} waits for none.
         */
        @WithDefault("PT0.001S")
        Duration groupLinger();

        /** At most this many requests per database transaction. */
        @WithDefault("64")
        int groupMaxSize();
    }

    interface Conversation {
        /** A conversation without a customer message for this long is over; the next message opens a new one. */
        @WithDefault("PT24H")
        Duration idleTimeout();

        /** A conversation whose ticket is SOLVED is over after this long without a customer message. */
        @WithDefault("PT24H")
        Duration solvedIdleTimeout();
    }

    interface RateLimits {
        Limit channel();

        Limit customer();

        /** Buckets untouched for this long are dropped from memory (they would be full anyway). */
        @WithDefault("PT10M")
        Duration evictIdleAfter();
    }

    interface Limit {
        double perSecond();

        double burst();
    }

    interface Outbox {
        /**
         * Unpublished messages older than this are re-published by the sweeper (the crash window). Longer than
         * the producer's {@code delivery.timeout.ms}: by then the first send has succeeded or failed for good.
         */
        @WithDefault("PT30S")
        Duration sweepAfter();

        @WithDefault("500")
        int sweepBatchSize();

        /**
         * How long the sweeper waits for the broker's acknowledgements of one batch; at least the producer's
         * {@code delivery.timeout.ms}, so that no send of a batch is still in flight when its rows are released.
         */
        @WithDefault("PT25S")
        Duration publishTimeout();
    }

    interface Delivery {
        /** Attempts per reply to a channel's callback, the first included; then the dead-letter topic. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT8S")
        Duration maxBackoff();

        @WithDefault("PT5S")
        Duration requestTimeout();

        /** Replies in a row that failed for good before a channel's callback circuit opens. */
        @WithDefault("5")
        int circuitThreshold();

        /** How long an open circuit sends a channel's replies straight to the dead-letter topic. */
        @WithDefault("PT30S")
        Duration circuitOpenFor();
    }

    interface Retention {
        /** How long de-duplication keys are kept (channels retry within minutes; this is generous). */
        @WithDefault("P7D")
        Duration dedupKeys();

        /** How long replies stay available for polling. */
        @WithDefault("P30D")
        Duration replies();
    }
}
