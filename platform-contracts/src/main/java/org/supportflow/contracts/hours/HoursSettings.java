package org.supportflow.contracts.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one set of settings that defines {@link BusinessHours} for every service, and how it is read:
 * <ul>
 *   <li>{@code supportflow.hours.zone}: a time-zone id, e.g. {@code Asia/Seoul};</li>
 *   <li>{@code supportflow.hours.weekly.monday} .. {@code .sunday}: {@code 09:00-18:00[,..]} or {@code closed};
 *       a day without a setting is closed;</li>
 *   <li>{@code supportflow.hours.holidays}: ISO dates separated by commas.</li>
 * </ul>
 * Their values live once, in this module's {@code META-INF/microprofile-config.properties}, which every
 * service's MicroProfile Config reads; environment variables override them ({@code SUPPORTFLOW_HOURS_ZONE},
 * {@code SUPPORTFLOW_HOURS_WEEKLY_SATURDAY}, {@code SUPPORTFLOW_HOURS_HOLIDAYS}).
 */
public final class HoursSettings {

    public static final String ZONE = "supportflow.hours.zone";
    public static final String WEEKLY = "supportflow.hours.weekly.";
    public static final String HOLIDAYS = "supportflow.hours.holidays";

    private HoursSettings() {
    }

    /**
     * @param setting looks a setting up by name (e.g. MicroProfile Config's {@code getOptionalValue})
     * @throws IllegalArgumentException when the zone is missing or a value is malformed, so a service with a
     *                                  wrong schedule fails to start rather than run on a guess
     */
    public static BusinessHours read(Function<String, Optional<String>> setting) {
        String zone = setting.apply(ZONE).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(ZONE + " is not set"));
        Map<String, String> weekly = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            setting.apply(WEEKLY + name).ifPresent(spec -> weekly.put(name, spec));
        }
        return BusinessHours.parse(zone, weekly, holidays(setting.apply(HOLIDAYS).orElse("")));
    }

    static List<LocalDate> holidays(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(date -> !date.isEmpty())
                .map(LocalDate::parse).toList();
    }
}
