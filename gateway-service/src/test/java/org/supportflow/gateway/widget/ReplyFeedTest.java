package org.supportflow.gateway.widget;

import org.junit.jupiter.api.Test;
import org.supportflow.gateway.replies.StoredReply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyFeedTest {

    private final List<StoredReply> store = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private boolean connected = true;
    private int keepAlives;

    private final ReplyFeed.Sink sink = new ReplyFeed.Sink() {
        @Override
        public boolean send(WidgetEntry reply) {
            if (connected) {
                sent.add(reply.cursor() + ":" + reply.text());
            }
            return connected;
        }

        @Override
        public boolean keepAlive() {
            keepAlives++;
            return connected;
        }
    };

    private final ReplyFeed.Source source = (cursor, limit) -> store.stream()
            .filter(reply -> reply.sequence() > cursor).limit(limit).toList();

    private void stored(long sequence, String text) {
        store.add(new StoredReply(sequence, "conv-1", "demo-web", "out-" + sequence, null, "bot", text, List.of(),
                Instant.now(), "ANSWER"));
    }

    @Test
    void repeatedDrainsSendEachReplyOnceInOrder() {
        stored(3, "a");
        stored(7, "b");
        ReplyFeed feed = new ReplyFeed(source, sink, 0);

        assertThat(feed.drain()).isEqualTo(2);
        assertThat(feed.drain()).as("a wake-up and the safety poll racing").isZero();
        stored(9, "c");
        assertThat(feed.drain()).isEqualTo(1);

        assertThat(sent).containsExactly("3:a", "7:b", "9:c");
        assertThat(feed.cursor()).isEqualTo(9);
    }

    @Test
    void aResumedFeedStartsAfterItsCursor() {
        stored(3, "a");
        stored(7, "b");
        ReplyFeed resumed = new ReplyFeed(source, sink, 3);
        resumed.drain();
        assertThat(sent).containsExactly("7:b");
    }

    @Test
    void manyRepliesAreSentInBatches() {
        for (int i = 1; i <= ReplyFeed.BATCH * 2 + 5; i++) {
            stored(i, "r" + i);
        }
        assertThat(new ReplyFeed(source, sink, 0).drain()).isEqualTo(ReplyFeed.BATCH * 2 + 5);
        assertThat(sent).hasSize(ReplyFeed.BATCH * 2 + 5).startsWith("1:r1").endsWith("205:r205");
    }

    @Test
    void aTickKeepsAnIdleConnectionAliveAndNoticesItsLoss() {
        ReplyFeed feed = new ReplyFeed(source, sink, 0);
        assertThat(feed.tick()).isTrue();
        assertThat(keepAlives).isEqualTo(1);

        connected = false;
        assertThat(feed.tick()).isFalse();
        assertThat(feed.isClosed()).isTrue();
        stored(1, "late");
        assertThat(feed.drain()).isEqualTo(-1);
        assertThat(sent).isEmpty();
    }

    @Test
    void theCursorStaysBeforeAReplyTheConnectionDidNotTake() {
        stored(1, "a");
        connected = false;
        ReplyFeed feed = new ReplyFeed(source, sink, 0);
        assertThat(feed.drain()).isEqualTo(-1);
        assertThat(feed.cursor()).isZero();
    }
}
