package org.supportflow.contracts.events;

/**
 * The part of a customer that routing needs (the opaque channel id, locale and tier), without the name.
 */
public record CustomerRef(String id, String locale, String tier) {

    public boolean isVip() {
        return tier != null && tier.equalsIgnoreCase("VIP");
    }
}
