package org.supportflow.ticket.history;

import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.ticket.transcript.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation's transcript as the agent reads it: the ticket path's {@code message} rows merged with the
 * bot-only {@code conversation_history}, one entry per message id, in the order the messages occurred.
 *
 * <p>Why merge when reading rather than copy the history into {@code message} when a ticket opens: the three
 * topics of a message are consumed concurrently, so the inbound event of the very message that opened the
 * ticket (or of a message right after it) may be judged "bot-only" by a poll that looked before the ticket's
 * commit, and land in the history after the copy was made; a copy would miss it, a second copy would need a
 * lock on the conversation, which is what the bot path avoids. Reading both tables never misses a row that is
 * committed, whatever the order, and the merge by message id shows each message exactly once: a
 * {@code message} row wins, and only the fields it still lacks (the raw text of a message whose inbound event
 * went to the history, the NLU's reading with the action step) are filled from the history.
 *
 * <p>Returns new, unmanaged {@link Message} objects where a row was completed; managed rows are never changed.
 */
public final class TranscriptMerge {

    private TranscriptMerge() {
    }

    public static List<Message> merge(List<Message> rows, List<HistoryEntry> history) {
        Map<String, Map<HistoryEntry.Source, HistoryEntry>> byMessage = new LinkedHashMap<>();
        for (HistoryEntry entry : history) {
            byMessage.computeIfAbsent(entry.messageId(), id -> new HashMap<>()).put(entry.source(), entry);
        }
        List<Message> merged = new ArrayList<>();
        for (Message row : rows) {
            Map<HistoryEntry.Source, HistoryEntry> entries = byMessage.remove(row.messageId);
            merged.add(entries == null || row.internal ? row : completed(row, entries));
        }
        byMessage.values().forEach(entries -> merged.add(fromHistory(entries)));
        // stable: rows keep their (occurred at, id) order; a customer message before a reply of the same instant
        merged.sort(Comparator.comparing((Message message) -> message.occurredAt)
                .thenComparing(message -> message.author == Author.CUSTOMER ? 0 : 1));
        return merged;
    }

    private static Message completed(Message row, Map<HistoryEntry.Source, HistoryEntry> entries) {
        HistoryEntry inbound = entries.get(HistoryEntry.Source.INBOUND);
        HistoryEntry routed = entries.get(HistoryEntry.Source.ROUTED);
        boolean missingText = row.text == null && inbound != null;
        boolean missingReading = row.intent == null && routed != null;
        if (!missingText && !missingReading) {
            return row;
        }
        Message copy = copyOf(row);
        if (missingText) {
            copy.text = inbound.text();
            copy.erased = copy.erased || inbound.erased();
        }
        if (missingReading) {
            annotate(copy, routed);
        }
        return copy;
    }

    private static Message fromHistory(Map<HistoryEntry.Source, HistoryEntry> entries) {
        HistoryEntry outbound = entries.get(HistoryEntry.Source.OUTBOUND);
        HistoryEntry inbound = entries.get(HistoryEntry.Source.INBOUND);
        HistoryEntry routed = entries.get(HistoryEntry.Source.ROUTED);
        HistoryEntry first = outbound != null ? outbound : inbound != null ? inbound : routed;
        Message message = new Message();
        message.conversationId = first.conversationId();
        message.messageId = first.messageId();
        message.author = first.author();
        message.kind = first.kind();
        message.occurredAt = first.occurredAt();
        message.createdAt = first.occurredAt();
        if (outbound != null) {
            message.agentId = outbound.agentId();
            message.inReplyTo = outbound.inReplyTo();
            message.text = outbound.text();
            message.quickReplies = outbound.quickReplies();
            message.erased = outbound.erased();
            return message;
        }
        if (inbound != null) {
            message.text = inbound.text();
            message.erased = inbound.erased();
        }
        if (routed != null) {
            annotate(message, routed);
            if (routed.erased()) {
                message.erased = true;
                message.text = message.text != null ? message.text : routed.text();
            }
        }
        return message;
    }

    private static void annotate(Message message, HistoryEntry routed) {
        message.route = routed.route();
        message.maskedText = routed.maskedText();
        message.language = routed.language();
        message.intent = routed.intent();
        message.confidence = routed.confidence();
        message.sentiment = routed.sentiment();
        message.sentimentScore = routed.sentimentScore();
        message.urgency = routed.urgency();
        message.nluModel = routed.nluModel();
        message.answerId = routed.answerId();
        message.answerText = routed.answerText();
        message.entities = routed.entities();
        message.action = routed.action();
    }

    /** A detached copy: filling it in changes nothing in the database. */
    static Message copyOf(Message row) {
        Message copy = new Message();
        copy.id = row.id;
        copy.conversationId = row.conversationId;
        copy.messageId = row.messageId;
        copy.ticketId = row.ticketId;
        copy.author = row.author;
        copy.kind = row.kind;
        copy.internal = row.internal;
        copy.occurredAt = row.occurredAt;
        copy.createdAt = row.createdAt;
        copyWords(row, copy);
        copyReading(row, copy);
        copy.correctedIntent = row.correctedIntent;
        copy.correctedBy = row.correctedBy;
        copy.correctedAt = row.correctedAt;
        return copy;
    }

    /** The words of a message and whom they answer; erased stays erased. */
    static void copyWords(Message from, Message to) {
        to.text = from.text;
        to.erased = to.erased || from.erased;
        to.agentId = from.agentId;
        to.inReplyTo = from.inReplyTo;
        to.quickReplies = from.quickReplies;
    }

    /** What routing adds to a customer message: the NLU's reading, the route and the action step. */
    static void copyReading(Message from, Message to) {
        to.route = from.route;
        to.maskedText = from.maskedText;
        to.language = from.language;
        to.intent = from.intent;
        to.confidence = from.confidence;
        to.sentiment = from.sentiment;
        to.sentimentScore = from.sentimentScore;
        to.urgency = from.urgency;
        to.nluModel = from.nluModel;
        to.answerId = from.answerId;
        to.answerText = from.answerText;
        to.entities = from.entities;
        to.action = from.action;
    }
}
