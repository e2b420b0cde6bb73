package org.supportflow.analytics.dashboard;

import org.supportflow.web.ApiException;

import java.util.Optional;
import java.util.regex.Pattern;

/** The optional {@code channelId} filter of the dashboard's endpoints. */
public final class ChannelFilter {

    private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private ChannelFilter() {
    }

    /** Empty when absent or blank; a channel id otherwise; 400 when it cannot be a channel id. */
    public static Optional<String> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String id = value.strip();
        if (!CHANNEL_ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_parameter",
                    "'channelId' must be a channel id (letters, digits, '.', '_', ':', '-'; at most 128)");
        }
        return Optional.of(id);
    }
}
