package org.supportflow.gateway.common;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.gateway.kakao.KakaoStore;
import org.supportflow.gateway.outbox.OutboxStore;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.widget.WidgetMessageStore;

import java.time.Clock;
import java.time.Instant;

/** Forgets old de-duplication keys, replies and closed conversations (gateway.retention.*). */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final OutboxStore outbox;
    private final ReplyStore replies;
    private final ConversationStore conversations;
    private final KakaoStore kakao;
    private final WidgetMessageStore widgetMessages;
    private final GatewayConfig.Retention retention;
    private final Clock clock;

    public RetentionJob(OutboxStore outbox, ReplyStore replies, ConversationStore conversations, KakaoStore kakao,
                        WidgetMessageStore widgetMessages, GatewayConfig config, Clock clock) {
        this.outbox = outbox;
        this.replies = replies;
        this.conversations = conversations;
        this.kakao = kakao;
        this.widgetMessages = widgetMessages;
        this.retention = config.retention();
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        int keys = outbox.deleteSettledBefore(now.minus(retention.dedupKeys()));
        // the widget's copies of visitors' messages live as long as the replies they sit between
        int oldReplies = replies.deleteSentBefore(now.minus(retention.replies()))
                + widgetMessages.deleteSentBefore(now.minus(retention.replies()));
        int closed = conversations.deleteClosedBefore(now.minus(retention.replies()));
        // a kakao request or claim matters for minutes; rows as old as the replies they concern go with them
        int kakaoRows = kakao.deleteBefore(now.minus(retention.replies()));
        if (keys + oldReplies + closed + kakaoRows > 0) {
            LOG.infof("retention: %d de-duplication keys, %d replies and widget messages, %d closed conversations, "
                    + "%d kakao rows deleted", keys, oldReplies, closed, kakaoRows);
        }
    }
}
