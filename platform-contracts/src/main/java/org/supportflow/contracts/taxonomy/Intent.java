package org.supportflow.contracts.taxonomy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The intent taxonomy of CONTRACT.md §6. Events carry the wire name ({@link #wireName()}) as a plain
 * string so that a newer NLU model can introduce an intent without breaking older consumers;
 * this enum is the vocabulary the platform's own code reasons about.
 */
public enum Intent {
    ORDER_STATUS("order_status", DefaultRoute.BOT),
    ORDER_CANCEL("order_cancel", DefaultRoute.BOT),
    REFUND_REQUEST("refund_request", DefaultRoute.BOT),
    RETURN_EXCHANGE("return_exchange", DefaultRoute.BOT),
    SHIPPING_INFO("shipping_info", DefaultRoute.BOT),
    DELIVERY_PROBLEM("delivery_problem", DefaultRoute.HUMAN),
    PAYMENT_ISSUE("payment_issue", DefaultRoute.HUMAN),
    PAYMENT_METHODS("payment_methods", DefaultRoute.BOT),
    COUPON_PROMOTION("coupon_promotion", DefaultRoute.BOT),
    PRODUCT_INFO("product_info", DefaultRoute.BOT),
    PRICE_INQUIRY("price_inquiry", DefaultRoute.BOT),
    ACCOUNT_LOGIN("account_login", DefaultRoute.BOT),
    ACCOUNT_CHANGE("account_change", DefaultRoute.BOT),
    BUSINESS_HOURS("business_hours", DefaultRoute.BOT),
    COMPLAINT("complaint", DefaultRoute.HUMAN),
    HUMAN_AGENT("human_agent", DefaultRoute.HUMAN),
    GREETING("greeting", DefaultRoute.BOT),
    THANKS_GOODBYE("thanks_goodbye", DefaultRoute.BOT),
    FEEDBACK("feedback", DefaultRoute.BOT),
    OUT_OF_SCOPE("out_of_scope", DefaultRoute.BOT);

    /** Where the contract sends an intent when no other rule applies. */
    public enum DefaultRoute { BOT, HUMAN }

    private static final Map<String, Intent> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Intent::wireName, Function.identity()));

    private final String wireName;
    private final DefaultRoute defaultRoute;

    Intent(String wireName, DefaultRoute defaultRoute) {
        this.wireName = wireName;
        this.defaultRoute = defaultRoute;
    }

    public String wireName() {
        return wireName;
    }

    public DefaultRoute defaultRoute() {
        return defaultRoute;
    }

    public static Optional<Intent> fromWireName(String wireName) {
        return Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
    }

    public static boolean isKnown(String wireName) {
        return fromWireName(wireName).isPresent();
    }
}
