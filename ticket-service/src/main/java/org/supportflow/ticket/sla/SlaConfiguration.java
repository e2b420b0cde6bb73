package org.supportflow.ticket.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link SlaPolicy} from {@code ticket.sla.*}; a wrong setting fails the start. */
@ApplicationScoped
public class SlaConfiguration {

    @Produces
    @ApplicationScoped
    SlaPolicy slaPolicy(TicketConfig config) {
        TicketConfig.Sla sla = config.sla();
        BusinessHours hours = BusinessHours.parse(sla.timeZone(), sla.businessHours(),
                new HashSet<>(sla.holidays().orElse(List.of())));
        return new SlaPolicy(hours, byPriority(sla.firstResponse()), byPriority(sla.resolution()), sla.atRiskWithin());
    }

    private static Map<Priority, Duration> byPriority(Map<String, Duration> targets) {
        Map<Priority, Duration> result = new EnumMap<>(Priority.class);
        targets.forEach((name, target) -> result.put(Priority.valueOf(name.toUpperCase(Locale.ROOT)), target));
        return result;
    }
}
