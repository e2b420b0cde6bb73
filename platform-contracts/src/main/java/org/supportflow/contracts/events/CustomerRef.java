package org.supportflow.contracts.events;

/**
 * The part of a customer that routing needs (the opaque channel id, locale and tier), without the name.
 *
 * @param verified whether the channel verified who the customer is (a signed-in widget user, KakaoTalk's own user
 *                 key, a customer the signing system marks verified); null from producers that predate the field,
 *                 read as not verified. Domain actions reading an account need it.
 */
public record CustomerRef(String id, String locale, String tier, Boolean verified) {

    public CustomerRef(String id, String locale, String tier) {
        this(id, locale, tier, null);
    }

    public boolean isVip() {
        return tier != null && tier.equalsIgnoreCase("VIP");
    }

    public boolean hasVerifiedIdentity() {
        return Boolean.TRUE.equals(verified);
    }
}
