package org.supportflow.gateway.erasure;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.gateway.outbox.OutboxStore;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.widget.WidgetMessageStore;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erases what the gateway holds about a customer, in one transaction: the replies of their conversations and
 * the web widget's copies of their messages are deleted, unpublished events (raw text) and message fingerprints
 * dropped, and the conversations keep only a pseudonym in place of the customer id. De-duplication keys (channel
 * and message ids) stay, so a late retry is still recognised. Customer ids are not scoped by channel in the
 * erasure event, so every channel's conversations of that id are erased (erring on the side of erasing).
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ConversationStore conversations;
    private final ReplyStore replies;
    private final OutboxStore outbox;
    private final WidgetMessageStore widgetMessages;
    private final Clock clock;

    public ErasureService(ConversationStore conversations, ReplyStore replies, OutboxStore outbox,
                          WidgetMessageStore widgetMessages, Clock clock) {
        this.conversations = conversations;
        this.replies = replies;
        this.outbox = outbox;
        this.widgetMessages = widgetMessages;
        this.clock = clock;
    }

    public void erase(CustomerErasureEvent event) {
        int erased = QuarkusTransaction.requiringNew().call(() -> {
            List<String> pseudonymised = conversations.pseudonymise(event.customerId(), event.conversationIds(),
                    clock.instant());
            Set<String> affected = new LinkedHashSet<>(pseudonymised);
            affected.addAll(event.conversationIds());
            replies.deleteConversations(affected);
            outbox.eraseContent(affected);
            widgetMessages.deleteCustomer(event.customerId(), affected);
            return affected.size();
        });
        LOG.infof("erasure %s: %d conversations erased", event.eventId(), erased);
    }
}
