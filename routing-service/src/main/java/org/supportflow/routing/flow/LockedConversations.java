package org.supportflow.routing.flow;

import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.routing.actions.Actions;
import org.supportflow.routing.actions.PendingForms;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.routing.conversation.ConversationState;
import org.supportflow.routing.conversation.ConversationStore;
import org.supportflow.routing.conversation.ConversationStore.Decided;
import org.supportflow.routing.conversation.ConversationStore.MessageKey;
import org.supportflow.routing.conversation.ConversationStore.Opening;
import org.supportflow.routing.conversation.ConversationStore.RoutedMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversations of one routing transaction, read and locked together when it starts and written together
 * when it ends, so that a poll costs a fixed number of statements for them instead of a few per event.
 * Between the two, the events are applied to the states held here: a conversation's second event in the poll
 * sees what its first one changed, and a message met twice is a redelivery the second time.
 */
final class LockedConversations {

    private final Map<String, ConversationState> locked;
    private final Map<String, ConversationState> current;
    private final Map<MessageKey, RoutedMessage> decisions;
    private final List<Decided> decidedHere = new ArrayList<>();
    private final PendingForms forms;
    /** The assigned agent (empty: none) of the conversations whose assignment this transaction knows. */
    private final Map<String, Optional<String>> agents = new HashMap<>();

    private LockedConversations(Map<String, ConversationState> locked, Map<MessageKey, RoutedMessage> decisions,
                                PendingForms forms) {
        this.locked = locked;
        this.forms = forms;
        this.current = new LinkedHashMap<>(locked);
        this.decisions = new LinkedHashMap<>(decisions);
    }

    /**
     * Locks (creating what is missing) the conversations of the messages and reads their earlier decisions and
     * the agents of those with a human; {@code actions} (null: none) give their pending forms.
     */
    static LockedConversations lock(Connection c, ConversationStore store, AssignmentStore assignments,
                                    Actions actions, List<ClassifiedMessageEvent> messages, Instant now)
            throws SQLException {
        List<Opening> openings = messages.stream().map(message -> new Opening(message.conversationId(),
                message.channelId(), message.customer() == null ? null : message.customer().id(), true)).toList();
        Map<String, ConversationState> locked = store.lockOrCreateAll(c, openings, now);
        // read under the locks: a redelivery routed concurrently elsewhere has committed its decision by now
        Map<MessageKey, RoutedMessage> earlier = store.routedMessages(c, messages.stream()
                .map(message -> new MessageKey(message.conversationId(), message.messageId())).distinct().toList());
        LockedConversations conversations = new LockedConversations(locked, earlier,
                actions == null ? null : actions.pendingForms(locked.keySet()));
        // the agents of those with a human, whose messages name their agent: one query, none without such
        List<String> withHuman = locked.values().stream().filter(ConversationState::withHuman)
                .map(ConversationState::conversationId).toList();
        if (!withHuman.isEmpty()) {
            Map<String, String> agents = assignments.agentsOf(c, withHuman);
            withHuman.forEach(id -> conversations.agents.put(id, Optional.ofNullable(agents.get(id))));
        }
        return conversations;
    }

    /**
     * Locks the conversations of a poll of ticket events, creating those {@code openings} may create; no
     * decisions and no forms (ticket events have neither).
     */
    static LockedConversations lock(Connection c, ConversationStore store, List<Opening> openings, Instant now)
            throws SQLException {
        return new LockedConversations(store.lockOrCreateAll(c, openings, now), Map.of(), null);
    }

    /**
     * The agent the conversation is assigned to: known since the lock (the assignments of locked conversations
     * change only under their lock, so in this transaction), or read now for one handed off in it.
     */
    Optional<String> agentOf(Connection c, AssignmentStore assignments, String conversationId) throws SQLException {
        Optional<String> known = agents.get(conversationId);
        if (known == null) {
            known = assignments.agentOf(c, conversationId);
            agents.put(conversationId, known);
        }
        return known;
    }

    /** This transaction assigned the conversation (or found it assigned). */
    void assigned(String conversationId, String agentId) {
        agents.put(conversationId, Optional.of(agentId));
    }

    /** The pending forms of these conversations (null without actions). */
    PendingForms forms() {
        return forms;
    }

    ConversationState state(String conversationId) {
        return find(conversationId).orElseThrow(() -> new IllegalStateException(
                "conversation " + conversationId + " was not locked by this transaction"));
    }

    /** The conversation's current state; empty when it has no row (one that was not to be created). */
    Optional<ConversationState> find(String conversationId) {
        return Optional.ofNullable(current.get(conversationId));
    }

    /** The decision taken for the message before: in an earlier transaction, or earlier in this one. */
    Optional<RoutedMessage> decided(String conversationId, String messageId) {
        return Optional.ofNullable(decisions.get(new MessageKey(conversationId, messageId)));
    }

    /** A message routed: the conversation's new state and the decision, written by {@link #write}. */
    void routed(ConversationState state, String messageId, RoutedMessage routed) {
        changed(state);
        MessageKey key = new MessageKey(state.conversationId(), messageId);
        decisions.put(key, routed);
        decidedHere.add(new Decided(key, routed));
    }

    /** A conversation's new state (of a locked conversation), written by {@link #write} if it differs. */
    void changed(ConversationState state) {
        if (!current.containsKey(state.conversationId())) {
            throw new IllegalStateException("conversation " + state.conversationId()
                    + " was not locked by this transaction");
        }
        current.put(state.conversationId(), state);
    }

    /** Writes the states that changed and the decisions taken, two statements at most. */
    void write(Connection c, ConversationStore store, Instant now) throws SQLException {
        store.saveAll(c, current.values().stream()
                .filter(state -> !state.equals(locked.get(state.conversationId()))).toList(), now);
        store.recordRoutedAll(c, decidedHere, now);
    }
}
