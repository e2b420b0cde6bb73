package org.supportflow.ticket.tickets;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/v1/tickets/{id}}: each field present is a change. A class with setters rather
 * than a record because {@code assignee} must tell an absent field (no change) from an explicit {@code null}
 * (unassign): Jackson calls a setter only for a field that is there. Unknown fields are refused by the
 * resource's strict reader.
 */
public class TicketPatch {

    @Pattern(regexp = "\\s*(?i:NEW|OPEN|PENDING|SOLVED|CLOSED)\\s*",
            message = "must be one of NEW, OPEN, PENDING, SOLVED, CLOSED")
    private String status;

    @Pattern(regexp = "\\s*(?i:LOW|NORMAL|HIGH|URGENT)\\s*", message = "must be one of LOW, NORMAL, HIGH, URGENT")
    private String priority;

    @Pattern(regexp = "\\s*\\S.{0,199}", message = "must be an agent id (at most 200 characters) or null")
    private String assignee;
    private boolean assigneeGiven;

    @Size(max = TicketCommands.MAX_TAGS)
    private List<@NotNull @Pattern(regexp = "[\\p{L}\\p{N}_.:-]{1,50}",
            message = "must be 1 to 50 letters, digits or _ . : - characters") String> tags;

    private Long version;

    public String status() {
        return status;
    }

    public String priority() {
        return priority;
    }

    /** Null when the body has no {@code assignee}; empty when it is {@code null} (unassign). */
    public Optional<String> assignee() {
        return assigneeGiven ? Optional.ofNullable(assignee) : null;
    }

    public List<String> tags() {
        return tags;
    }

    public Long version() {
        return version;
    }

    @JsonProperty("status")
    void setStatus(String status) {
        this.status = status;
    }

    @JsonProperty("priority")
    void setPriority(String priority) {
        this.priority = priority;
    }

    @JsonProperty("assignee")
    void setAssignee(String assignee) {
        this.assignee = assignee;
        this.assigneeGiven = true;
    }

    @JsonProperty("tags")
    void setTags(List<String> tags) {
        this.tags = tags;
    }

    @JsonProperty("version")
    void setVersion(Long version) {
        this.version = version;
    }

    boolean changesNothing() {
        return status == null && priority == null && !assigneeGiven && tags == null;
    }
}
