package org.supportflow.ticket.history;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.ticket.transcript.Message;
import org.supportflow.ticket.transcript.TranscriptStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A conversation's whole transcript: ticket-path messages and bot-only history ({@link TranscriptMerge}). */
@ApplicationScoped
public class Transcripts {

    private final HistoryStore history;
    private final TranscriptStore store;
    private final Clock clock;

    public Transcripts(HistoryStore history, TranscriptStore store, Clock clock) {
        this.history = history;
        this.store = store;
        this.clock = clock;
    }

    /** Every entry of the conversation, once each, oldest first; for reading only. */
    public List<Message> of(String conversationId) {
        return TranscriptMerge.merge(Message.transcriptOf(conversationId), history.of(conversationId));
    }

    /**
     * The message as a locked {@code message} row, made from the history first if only the history has it (an
     * agent corrects the intent of a message the bot answered before the handoff). Must run in a transaction.
     */
    public Optional<Message> persisted(String conversationId, String messageId) {
        Optional<Message> row = Message.of(conversationId, messageId);
        if (row.isPresent()) {
            return row;
        }
        Optional<Message> fromHistory = TranscriptMerge.merge(List.of(), history.of(conversationId)).stream()
                .filter(message -> message.messageId.equals(messageId))
                .findFirst();
        if (fromHistory.isEmpty()) {
            return Optional.empty();
        }
        Message source = fromHistory.get();
        Message message = store.upsertMessage(conversationId, messageId, source.author, source.kind,
                source.occurredAt, clock.instant());
        if (message.text == null) {
            TranscriptMerge.copyWords(source, message);
        }
        if (message.intent == null) {
            TranscriptMerge.copyReading(source, message);
        }
        return Optional.of(message);
    }
}
