package org.supportflow.ticket.tickets;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditEntry;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.common.Requests;
import org.supportflow.ticket.customers.ChannelIdentity;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.history.Transcripts;
import org.supportflow.ticket.sla.SlaPolicy;
import org.supportflow.ticket.tickets.TicketViews.AuditView;
import org.supportflow.ticket.tickets.TicketViews.CustomerView;
import org.supportflow.ticket.tickets.TicketViews.EarlierTicket;
import org.supportflow.ticket.tickets.TicketViews.Identity;
import org.supportflow.ticket.tickets.TicketViews.TicketDetail;
import org.supportflow.ticket.tickets.TicketViews.TicketPage;
import org.supportflow.ticket.tickets.TicketViews.TicketView;
import org.supportflow.ticket.tickets.TicketViews.TranscriptEntry;
import org.supportflow.ticket.transcript.DeliveryStatusStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading tickets: the filtered list and the full context of one ticket. */
@ApplicationScoped
public class TicketQueries {

    public static final int MAX_PAGE_SIZE = 100;
    /** The last page anyone may ask for: page × size must stay far inside an int (the query's first row). */
    public static final int MAX_PAGE = 100_000;
    private static final int EARLIER_TICKETS = 20;
    private static final List<TicketStatus> ACTIVE = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);

    private final TicketAccess access;
    private final SlaPolicy sla;
    private final Clock clock;
    private final DeliveryStatusStore deliveries;
    private final Transcripts transcripts;

    public TicketQueries(TicketAccess access, SlaPolicy sla, Clock clock, DeliveryStatusStore deliveries,
                         Transcripts transcripts) {
        this.deliveries = deliveries;
        this.transcripts = transcripts;
        this.access = access;
        this.sla = sla;
        this.clock = clock;
    }

    /** The list filters of {@code GET /api/v1/tickets}, as given (validated here). */
    public record Filter(String status, String assignee, String priority, String conversationId, String customerId,
                         String sla, String channelId, String channelType, String sort, String page, String size) {
    }

    /**
     * The console's work order: most urgent first, then the nearest due time (the first response while none was
     * given, else the resolution); tickets without a due time last.
     */
    static final String BY_PRIORITY_AND_DUE = """
            case priority when org.supportflow.contracts.taxonomy.Priority.URGENT then 0
                          when org.supportflow.contracts.taxonomy.Priority.HIGH then 1
                          when org.supportflow.contracts.taxonomy.Priority.NORMAL then 2
                          else 3 end,
            case when firstRespondedAt is null then firstResponseDueAt else resolutionDueAt end nulls last,
            createdAt, id""";

    @Transactional
    public TicketPage list(Filter filter, CurrentUser user) {
        int page = number("page", filter.page(), 0);
        int size = number("size", filter.size(), 20);
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("invalid_request", "page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("invalid_request", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        Instant now = clock.instant();
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();

        if (filter.status() != null && !filter.status().isBlank()) {
            List<TicketStatus> statuses = Arrays.stream(filter.status().split(","))
                    .map(value -> Requests.enumValue(TicketStatus.class, "status", value))
                    .toList();
            where.add("status in :statuses");
            params.and("statuses", statuses);
        }
        String assignee = filter.assignee() == null ? null : filter.assignee().strip();
        if (assignee != null && !assignee.isEmpty()) {
            switch (assignee.toLowerCase(Locale.ROOT)) {
                case "me" -> {
                    where.add("assigneeId = :assignee");
                    params.and("assignee", user.id());
                }
                case "none", "unassigned" -> where.add("assigneeId is null");
                default -> {
                    if (!user.seesAllTickets() && !assignee.equals(user.id())) {
                        throw ApiException.forbidden("agents can list only the queue and their own tickets");
                    }
                    where.add("assigneeId = :assignee");
                    params.and("assignee", assignee);
                }
            }
        }
        if (!user.seesAllTickets()) {
            where.add("(assigneeId is null or assigneeId = :me)");
            params.and("me", user.id());
        }
        if (filter.priority() != null && !filter.priority().isBlank()) {
            where.add("priority = :priority");
            params.and("priority", Requests.enumValue(Priority.class, "priority", filter.priority()));
        }
        if (filter.conversationId() != null && !filter.conversationId().isBlank()) {
            where.add("conversationId = :conversationId");
            params.and("conversationId", filter.conversationId().strip());
        }
        if (filter.customerId() != null && !filter.customerId().isBlank()) {
            where.add("customerId = :customerId");
            params.and("customerId", filter.customerId().strip());
        }
        if (filter.channelId() != null && !filter.channelId().isBlank()) {
            where.add("channelId = :channelId");
            params.and("channelId", filter.channelId().strip());
        }
        if (filter.channelType() != null && !filter.channelType().isBlank()) {
            // The type is the conversation's (the gateway's channel configuration), not copied onto tickets.
            where.add("conversationId in (select c.id from Conversation c where c.channelType = :channelType)");
            params.and("channelType", Requests.enumValue(ChannelType.class, "channelType", filter.channelType()));
        }
        if (filter.sla() != null && !filter.sla().isBlank()) {
            switch (filter.sla().strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "breached" -> {
                    where.add("""
                            (firstResponseBreachedAt is not null or resolutionBreachedAt is not null
                             or firstRespondedAt > firstResponseDueAt or solvedAt > resolutionDueAt
                             or (status in :active and ((firstRespondedAt is null and firstResponseDueAt < :now)
                                                        or (resolutionPausedAt is null and resolutionDueAt < :now))))""");
                    params.and("active", ACTIVE).and("now", now);
                }
                case "at_risk" -> {
                    where.add("""
                            (status in :active
                             and not (firstRespondedAt is null and firstResponseDueAt < :now)
                             and (resolutionPausedAt is not null or resolutionDueAt >= :now)
                             and ((firstRespondedAt is null and firstResponseDueAt < :soon)
                                  or (resolutionPausedAt is null and resolutionDueAt < :soon)))""");
                    params.and("active", ACTIVE).and("now", now).and("soon", now.plus(sla.atRiskWithin()));
                }
                default -> throw ApiException.badRequest("invalid_request", "sla must be breached or at_risk");
            }
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        long total = Ticket.count(query, params);
        List<Ticket> tickets = Ticket.<Ticket>find(query + " order by " + order(filter.sort()), params)
                .page(page, size)
                .list();
        return new TicketPage(tickets.stream().map(ticket -> TicketView.of(ticket, sla, now)).toList(), page, size,
                total);
    }

    private static String order(String sort) {
        String value = sort == null ? "" : sort.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "created" -> "createdAt desc, id";
            case "priority" -> BY_PRIORITY_AND_DUE;
            default -> throw ApiException.badRequest("invalid_request", "sort must be created or priority");
        };
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_request", name + " must be a whole number");
        }
    }

    @Transactional
    public TicketDetail detail(String ticketId, CurrentUser user) {
        Ticket ticket = access.visible(ticketId, user);
        Instant now = clock.instant();
        CustomerView customer = null;
        List<EarlierTicket> earlier = List.of();
        if (ticket.customerId != null) {
            CustomerProfile profile = CustomerProfile.findById(ticket.customerId);
            List<Identity> identities = ChannelIdentity.of(ticket.customerId).stream()
                    .map(identity -> new Identity(identity.key.channelId(), identity.channelType,
                            identity.firstSeenAt, identity.lastSeenAt))
                    .toList();
            customer = profile == null
                    ? new CustomerView(ticket.customerId, null, null, null, identities, null)
                    : new CustomerView(profile.id, profile.name, profile.locale, profile.tier, identities,
                    profile.erasedAt);
            earlier = Ticket.<Ticket>find("customerId = ?1 and id <> ?2 and createdAt <= ?3 order by createdAt desc",
                            ticket.customerId, ticket.id, ticket.createdAt)
                    .page(0, EARLIER_TICKETS)
                    .stream()
                    .map(EarlierTicket::of)
                    .toList();
        }
        Map<String, String> delivered = deliveries.of(ticket.conversationId);
        List<TranscriptEntry> transcript = transcripts.of(ticket.conversationId).stream()
                .map(message -> TranscriptEntry.of(message, delivered.get(message.messageId)))
                .toList();
        return new TicketDetail(TicketView.of(ticket, sla, now), ticket.handoffReason, customer, transcript, earlier,
                audit(ticket));
    }

    @Transactional
    public List<AuditView> audit(String ticketId, CurrentUser user) {
        return audit(access.visible(ticketId, user));
    }

    private static List<AuditView> audit(Ticket ticket) {
        return AuditEntry.of(ticket.id).stream().map(AuditView::of).toList();
    }
}
