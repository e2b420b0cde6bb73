package org.supportflow.ticket.tickets;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/v1/tickets/{id}}: each field present is a change. {@code assignee} tells an
 * absent field (null: no change) from an explicit {@code null} (empty: unassign). The caller states the version
 * it read here or as {@code If-Match}. Unknown fields are refused by the resource's strict reader.
 */
public record TicketPatch(
        @Pattern(regexp = "\\s*(?i:NEW|OPEN|PENDING|SOLVED|CLOSED)\\s*",
                message = "must be one of NEW, OPEN, PENDING, SOLVED, CLOSED") String status,
        @Pattern(regexp = "\\s*(?i:LOW|NORMAL|HIGH|URGENT)\\s*",
                message = "must be one of LOW, NORMAL, HIGH, URGENT") String priority,
        Optional<@NotBlank(message = "must be an agent id or null") @Size(max = 200) String> assignee,
        @Size(max = TicketCommands.MAX_TAGS) List<@NotNull @Pattern(regexp = "[\\p{L}\\p{N}_.:-]{1,50}",
                message = "must be 1 to 50 letters, digits or _ . : - characters") String> tags,
        Long version) {

    boolean changesNothing() {
        return status == null && priority == null && assignee == null && tags == null;
    }
}
