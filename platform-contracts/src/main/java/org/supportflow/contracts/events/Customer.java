package org.supportflow.contracts.events;

/**
 * The customer as the channel describes them. Personal data: it travels only on
 * {@code conversation.inbound} and is stored only by ticket-service.
 */
public record Customer(String id, String name, String locale, String tier) {

    public CustomerRef ref() {
        return new CustomerRef(id, locale, tier);
    }
}
