package org.supportflow.ticket.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.ticket.common.RowsAtCommit;
import org.supportflow.web.jdbc.DataAccessException;
import org.supportflow.web.jdbc.SqlArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Appends to a ticket's audit trail in the caller's transaction: a transaction's entries are inserted together
 * as it commits ({@link RowsAtCommit}), in the order they were recorded. {@link AuditEntry} reads them.
 */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes that come from the platform's events rather than from a person. */
    public static final String SYSTEM = "system";
    public static final String ROUTING = "routing-service";
    public static final String CUSTOMER = "customer";

    // ids in recording order, which the trail's order breaks ties of occurred_at with
    private static final String INSERT = """
            insert into audit_entry (ticket_id, actor, action, details, occurred_at)
            select ticket_id, actor, action, details, occurred_at
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
                 as a (ticket_id, actor, action, details, occurred_at, n)
            order by n""";

    private record Row(String ticketId, String actor, String action, String details, Instant occurredAt) {
    }

    private final Clock clock;
    private final AgroalDataSource dataSource;
    private final RowsAtCommit atCommit;
    private final RowsAtCommit.Writer<Row> writer = this::insert;

    public AuditLog(Clock clock, AgroalDataSource dataSource, RowsAtCommit atCommit) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.atCommit = atCommit;
    }

    /** Records the change; must run inside a transaction. */
    public void record(String ticketId, String actor, String action, Map<String, ?> details) {
        String text = details == null || details.isEmpty() ? null
                : new TreeMap<>(details).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        atCommit.add(writer, new Row(ticketId, actor, action, text, clock.instant()));
    }

    private void insert(List<Row> rows) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, SqlArrays.texts(connection, rows, Row::ticketId));
            insert.setArray(2, SqlArrays.texts(connection, rows, Row::actor));
            insert.setArray(3, SqlArrays.texts(connection, rows, Row::action));
            insert.setArray(4, SqlArrays.texts(connection, rows, Row::details));
            insert.setArray(5, SqlArrays.instants(connection, rows, Row::occurredAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("recording " + rows.size() + " audit entries failed", e);
        }
    }
}
