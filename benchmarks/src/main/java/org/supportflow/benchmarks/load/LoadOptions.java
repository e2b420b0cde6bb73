package org.supportflow.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options of the load driver; {@code --name value} pairs, every one optional.
 *
 * @param koreanShare   share of customers writing Korean (the rest English): the two languages cost the NLU very
 *                      differently (English may run the sentence encoder), so the mix moves the ceiling
 * @param handoffShare  share of messages asking for a person: their conversation becomes a ticket, and the
 *                      request ends the customer's conversation in the plan (the driver plays no agent)
 * @param maxOpen       requests open at once beyond which a message due is not sent but counted as an error:
 *                      each open request holds a connection (HTTP/1.1), and file descriptors run out on both sides
 * @param settleSeconds how long, after the last response, to keep looking for replies and tickets of the
 *                      messages that got none in their response, before counting them lost
 * @param connections   keep-alive HTTP/1.1 connections to the gateway at most; a message due while all of them
 *                      hold a request waits for one (and the wait counts in its latency)
 */
record LoadOptions(int rate, int seconds, int customers, int messagesPerCustomer, double thinkSeconds, int waitMs,
                   double koreanShare, double handoffShare, int settleSeconds, int maxOpen, int connections, long seed,
                   String texts, String gateway, String channel, String secret, String tickets, String keycloak,
                   String ticketUser, String ticketPassword) {

    /** Where load.sh says the checkout is (the held-out texts are read from nlu-service there). */
    private static final String ROOT = System.getProperty("supportflow.root", ".");

    private static final String[][] DEFAULTS = {
            {"--rate", "100", "messages per second, sent on a fixed schedule (open loop)"},
            {"--seconds", "30", "how long to send; the run sends rate x seconds messages"},
            {"--customers", "100000", "customers to draw from: each new conversation takes one not seen yet"},
            {"--messages-per-customer", "3", "mean messages per conversation (1 to 2 x mean - 1)"},
            {"--think-seconds", "3", "mean time between two messages of a conversation (±50%)"},
            {"--wait-ms", "4500", "waitMs of each POST (0: no waitMs, every reply found by polling)"},
            {"--korean-share", "0.5", "share of customers writing Korean, the rest English"},
            {"--handoff-share", "0.01", "share of messages asking for a person (ends the conversation: a ticket)"},
            {"--settle-seconds", "30", "after the last response, how long to look for late replies and tickets"},
            {"--max-open", "5000", "open requests beyond which a due message is skipped (counted in errors)"},
            {"--connections", "1000", "keep-alive connections to the gateway at most (requests beyond wait)"},
            {"--seed", "0", "seed of the message plan (0: a new one each run)"},
            {"--texts", ROOT + "/nlu-service/src/main/resources/domains/shop",
                    "directory with the held-out sets heldout-ko.tsv and heldout-en.tsv"},
            {"--gateway", "http://127.0.0.1:8080", "gateway-service"},
            {"--channel", "demo-web", "channel id"},
            {"--secret", "local-dev-secret", "channel secret (default: $SUPPORTFLOW_CHANNEL_SECRET or the local one)"},
            {"--tickets", "http://127.0.0.1:8083", "ticket-service, to tell bot silence from a lost message"},
            {"--keycloak", "http://127.0.0.1:8180", "Keycloak (realm support, client support-cli)"},
            {"--ticket-user", "supervisor1", "Keycloak user allowed to read every ticket"},
            {"--ticket-password", "supervisor1", "its password"},
    };

    LoadOptions {
        require(rate > 0, "--rate must be positive");
        require(seconds > 0, "--seconds must be positive");
        require(customers > 0, "--customers must be positive");
        require(messagesPerCustomer > 0, "--messages-per-customer must be positive");
        require(thinkSeconds >= 0, "--think-seconds must not be negative");
        require(connections > 0, "--connections must be positive");
        require((long) rate * seconds <= 5_000_000, "at most 5,000,000 messages per run (all are signed up front)");
        require(waitMs >= 0 && waitMs <= 4500, "--wait-ms must be between 0 and 4500");
        require(koreanShare >= 0 && koreanShare <= 1, "--korean-share must be between 0 and 1");
        require(handoffShare >= 0 && handoffShare <= 1, "--handoff-share must be between 0 and 1");
        require(settleSeconds >= 0, "--settle-seconds must not be negative");
        require(maxOpen > 0, "--max-open must be positive");
        gateway = stripSlash(gateway);
        tickets = stripSlash(tickets);
        keycloak = stripSlash(keycloak);
    }

    long totalMessages() {
        return (long) rate * seconds;
    }

    /** The options, or empty for {@code --help}; throws {@link IllegalArgumentException} on a bad argument. */
    static Optional<LoadOptions> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] option : DEFAULTS) {
            values.put(option[0], option[1]);
        }
        String envSecret = System.getenv("SUPPORTFLOW_CHANNEL_SECRET");
        if (envSecret != null && !envSecret.isEmpty()) {
            values.put("--secret", envSecret);
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return Optional.empty();
            }
            if (!values.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(args[i], args[++i]);
        }
        try {
            return Optional.of(new LoadOptions(Integer.parseInt(values.get("--rate")),
                    Integer.parseInt(values.get("--seconds")), Integer.parseInt(values.get("--customers")),
                    Integer.parseInt(values.get("--messages-per-customer")),
                    Double.parseDouble(values.get("--think-seconds")),
                    Integer.parseInt(values.get("--wait-ms")), Double.parseDouble(values.get("--korean-share")),
                    Double.parseDouble(values.get("--handoff-share")),
                    Integer.parseInt(values.get("--settle-seconds")), Integer.parseInt(values.get("--max-open")),
                    Integer.parseInt(values.get("--connections")), Long.parseLong(values.get("--seed")),
                    values.get("--texts"), values.get("--gateway"),
                    values.get("--channel"), values.get("--secret"), values.get("--tickets"),
                    values.get("--keycloak"), values.get("--ticket-user"), values.get("--ticket-password")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage());
        }
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: benchmarks/load.sh [--name value]...

                Posts signed messages at a fixed rate to a running platform: conversations of several messages
                from many customers (held-out Korean and English text of the shop domain, read from nlu-service),
                a share of them asking for a person; all signed before the run. Measures each message from its scheduled send time to the platform's reply (the bot's answer or
                the handoff notice), from the waitMs response or, when the reply came later, from the reply's
                sentAt on the replies endpoint. Ends with one line:
                  rate=<N> achieved=<msg/s> p50_ms=<> p90_ms=<> p99_ms=<> errors=<count> lost=<count>
                achieved: messages answered (reply or ticket) per second, first send to last reply. errors:
                requests refused or failed (not 200/202), not answered within waitMs + 15 s, skipped at
                --max-open, or not sent in time. lost: accepted messages that got neither a reply nor a place
                in a ticket's transcript (bot silence) within --settle-seconds.

                Options (default):
                """);
        for (String[] option : DEFAULTS) {
            String shown = option[0].equals("--secret") || option[0].equals("--ticket-password") ? "…" : option[1];
            text.append(String.format("  %-24s %-24s %s%n", option[0], shown, option[2]));
        }
        return text.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
