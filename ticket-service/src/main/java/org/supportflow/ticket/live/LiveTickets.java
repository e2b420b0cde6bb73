package org.supportflow.ticket.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans ticket changes out to the consoles connected to this replica, each seeing only the tickets it may see.
 * Nothing is kept: a console that connects later loads the current list itself.
 */
@ApplicationScoped
public class LiveTickets {

    /** How many changes one slow console may lag behind before its stream ends (it reconnects and reloads). */
    static final int LAG_LIMIT = 1000;

    private final BroadcastProcessor<TicketChange> changes = BroadcastProcessor.create();

    /** Called from one Kafka consumer thread at a time; never blocks. */
    public void publish(TicketChange change) {
        changes.onNext(change);
    }

    public Multi<TicketChange> changesFor(Viewer viewer) {
        return changes.filter(viewer::maySee).onOverflow().buffer(LAG_LIMIT);
    }
}
