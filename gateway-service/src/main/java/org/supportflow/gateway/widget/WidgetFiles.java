package org.supportflow.gateway.widget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The widget's front-end files (src/main/resources/widget/): the loader a site embeds, its ES modules and the
 * demo page. Only these names are served; each is read from the class path once.
 */
public final class WidgetFiles {

    public static final String LOADER = "widget.js";
    public static final String DEMO_PAGE = "demo.html";
    /** The modules the loader imports (assets/); anything else under assets/ is a 404. */
    public static final Set<String> MODULES = Set.of("app.js", "api.js", "i18n.js", "styles.js", "view.js");

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private WidgetFiles() {
    }

    public static byte[] loader() {
        return read(LOADER);
    }

    public static byte[] demoPage() {
        return read(DEMO_PAGE);
    }

    public static Optional<byte[]> module(String name) {
        return MODULES.contains(name) ? Optional.of(read("assets/" + name)) : Optional.empty();
    }

    private static byte[] read(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = WidgetFiles.class.getClassLoader().getResourceAsStream("widget/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("widget file missing from the build: " + n);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
