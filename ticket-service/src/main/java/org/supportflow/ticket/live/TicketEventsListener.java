package org.supportflow.ticket.live;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.TicketEvent;

/**
 * Every replica reads all of {@code ticket.events} in a consumer group of its own (see application.properties),
 * so a console connected to any replica hears of changes made on any other. The events leave the outbox right
 * after their commit, so this is also how a replica hears of its own changes: one path, no duplicates.
 */
@ApplicationScoped
public class TicketEventsListener {

    /** The channel name in application.properties. */
    static final String CHANNEL = "live-ticket-events";

    private final LiveTickets live;

    public TicketEventsListener(LiveTickets live) {
        this.live = live;
    }

    @Incoming(CHANNEL)
    public void onTicketEvent(TicketEvent event) {
        if (event != null) { // an undeserialisable record: nothing to tell the consoles
            live.publish(TicketChange.of(event));
        }
    }
}
