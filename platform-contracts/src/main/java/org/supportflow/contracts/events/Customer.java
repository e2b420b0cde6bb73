package org.supportflow.contracts.events;

/**
 * The customer as the channel describes them. Personal data: it travels only on
 * {@code conversation.inbound} and is stored only by ticket-service.
 *
 * @param verified whether the channel verified who the customer is (see {@link CustomerRef#verified()}); null:
 *                 not verified (and what producers before the field send)
 */
public record Customer(String id, String name, String locale, String tier, Boolean verified) {

    public Customer(String id, String name, String locale, String tier) {
        this(id, name, locale, tier, null);
    }

    public CustomerRef ref() {
        return new CustomerRef(id, locale, tier, verified);
    }
}
