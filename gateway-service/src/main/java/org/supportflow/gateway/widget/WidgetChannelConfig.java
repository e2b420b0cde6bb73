package org.supportflow.gateway.widget;

import java.util.List;
import java.util.Optional;

/** {@code gateway.channels.<id>.widget.*}: settings of a web chat widget channel (type {@code web}). */
public interface WidgetChannelConfig {

    /** Origins (scheme://host[:port]) whose pages may use this channel's widget API. */
    Optional<List<String>> allowedOrigins();
}
