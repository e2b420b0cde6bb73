package org.supportflow.ticket.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.hours.HoursSettings;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link SlaPolicy} from {@code ticket.sla.*} (targets) and the platform's business hours
 * ({@code supportflow.hours.*}, the same schedule routing's after-hours decision uses); a wrong setting fails
 * the start.
 */
@ApplicationScoped
public class SlaConfiguration {

    @Produces
    @ApplicationScoped
    SlaPolicy slaPolicy(TicketConfig config, Config settings) {
        TicketConfig.Sla sla = config.sla();
        BusinessHours hours = HoursSettings.read(key -> settings.getOptionalValue(key, String.class));
        return new SlaPolicy(hours, byPriority(sla.firstResponse()), byPriority(sla.resolution()), sla.atRiskWithin());
    }

    private static Map<Priority, Duration> byPriority(Map<String, Duration> targets) {
        Map<Priority, Duration> result = new EnumMap<>(Priority.class);
        targets.forEach((name, target) -> result.put(Priority.valueOf(name.toUpperCase(Locale.ROOT)), target));
        return result;
    }
}
