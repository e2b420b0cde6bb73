package org.supportflow.routing.actions;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pending forms of the conversations one transaction holds locked: read in one query when the first is
 * needed (most messages of a poll have none, and asking for each cost a statement per message), then kept as
 * this transaction writes them. Only this transaction can change them meanwhile: they are read and written
 * under the conversations' row locks.
 */
public final class PendingForms {

    private final FormStore store;
    private final Set<String> conversationIds;
    private Map<String, PendingForm> known;

    PendingForms(FormStore store, Collection<String> conversationIds) {
        this.store = store;
        this.conversationIds = Set.copyOf(conversationIds);
    }

    Optional<PendingForm> find(Connection c, String conversationId) throws SQLException {
        if (!conversationIds.contains(conversationId)) {
            return store.find(c, conversationId);
        }
        if (known == null) {
            known = store.findAll(c, conversationIds);
        }
        return Optional.ofNullable(known.get(conversationId));
    }

    void save(Connection c, String conversationId, PendingForm form, Instant now) throws SQLException {
        store.save(c, conversationId, form, now);
        if (known != null && conversationIds.contains(conversationId)) {
            // as the upsert leaves it: a form already pending keeps the language it started in
            PendingForm before = known.get(conversationId);
            known.put(conversationId, before == null ? form
                    : new PendingForm(form.action(), form.slot(), form.attempts(), before.language()));
        }
    }

    void delete(Connection c, String conversationId) throws SQLException {
        store.delete(c, conversationId);
        if (known != null) {
            known.remove(conversationId);
        }
    }
}
