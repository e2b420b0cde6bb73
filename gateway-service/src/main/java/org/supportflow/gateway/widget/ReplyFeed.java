package org.supportflow.gateway.widget;

import org.supportflow.gateway.replies.StoredReply;

import java.util.List;

/**
 * One open reply stream of a widget page: sends the visitor's replies after its cursor, each exactly once and in
 * order, however the drains are triggered (a wake-up, its retries, the periodic safety poll). The cursor only
 * advances past a reply handed to the sink, so a stream resumed with its last event id continues where this one
 * stopped, on any replica.
 */
public final class ReplyFeed {

    /** Where the feed's events go (the SSE connection). */
    public interface Sink {
        /** Sends one reply with its event id; false when the connection is gone. */
        boolean send(WidgetEntry reply);

        /** Sends a comment line that keeps the connection (and proxies) from timing out; false when gone. */
        boolean keepAlive();
    }

    /** Replies after a cursor, oldest first, at most {@code limit}. */
    public interface Source {
        List<StoredReply> after(long cursor, int limit);
    }

    static final int BATCH = 100;

    private final Source source;
    private final Sink sink;
    private long cursor;
    private boolean closed;

    public ReplyFeed(Source source, Sink sink, long cursor) {
        this.source = source;
        this.sink = sink;
        this.cursor = cursor;
    }

    /** Sends what is new; returns how many replies were sent (-1 when the connection is gone). */
    public synchronized int drain() {
        if (closed) {
            return -1;
        }
        int sent = 0;
        List<StoredReply> batch;
        do {
            batch = source.after(cursor, BATCH);
            for (StoredReply reply : batch) {
                if (!sink.send(WidgetEntry.of(reply))) {
                    closed = true;
                    return -1;
                }
                cursor = reply.sequence();
                sent++;
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    /** The periodic tick: new replies if any, else a keep-alive; returns false once the connection is gone. */
    public synchronized boolean tick() {
        int sent = drain();
        if (sent == 0 && !sink.keepAlive()) {
            closed = true;
        }
        return !closed;
    }

    public synchronized long cursor() {
        return cursor;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized void close() {
        closed = true;
    }
}
