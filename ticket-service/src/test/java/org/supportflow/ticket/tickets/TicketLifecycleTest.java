package org.supportflow.ticket.tickets;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.supportflow.contracts.taxonomy.TicketStatus.CLOSED;
import static org.supportflow.contracts.taxonomy.TicketStatus.NEW;
import static org.supportflow.contracts.taxonomy.TicketStatus.OPEN;
import static org.supportflow.contracts.taxonomy.TicketStatus.PENDING;
import static org.supportflow.contracts.taxonomy.TicketStatus.SOLVED;

class TicketLifecycleTest {

    @Test
    void followsTheContractsLifecycle() {
        assertThat(TicketLifecycle.next(NEW)).containsExactly(OPEN);
        assertThat(TicketLifecycle.next(OPEN)).containsExactlyInAnyOrder(PENDING, SOLVED);
        assertThat(TicketLifecycle.next(PENDING)).containsExactly(OPEN);
        assertThat(TicketLifecycle.next(SOLVED)).containsExactlyInAnyOrder(CLOSED, OPEN);
        assertThat(TicketLifecycle.next(CLOSED)).isEmpty();
    }

    @Test
    void refusesShortcuts() {
        for (TicketStatus to : new TicketStatus[]{PENDING, SOLVED, CLOSED}) {
            assertThat(TicketLifecycle.allows(NEW, to)).as("NEW -> " + to).isFalse();
        }
        assertThat(TicketLifecycle.allows(PENDING, SOLVED)).isFalse();
        assertThat(TicketLifecycle.allows(OPEN, CLOSED)).isFalse();
        assertThat(TicketLifecycle.allows(CLOSED, OPEN)).isFalse();
    }

    @Test
    void readsIfMatchVersions() {
        assertThat(TicketCommands.ifMatchVersion("\"7\"")).isEqualTo(7L);
        assertThat(TicketCommands.ifMatchVersion("W/\"7\"")).isEqualTo(7L);
        assertThat(TicketCommands.ifMatchVersion("7")).isEqualTo(7L);
        assertThat(TicketCommands.ifMatchVersion(null)).isNull();
        assertThat(TicketCommands.ifMatchVersion(" ")).isNull();
        assertThatThrownBy(() -> TicketCommands.ifMatchVersion("\"abc\""))
                .isInstanceOf(org.supportflow.web.ApiException.class);
    }
}
