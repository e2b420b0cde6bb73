package org.supportflow.gateway.widget;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which page origins may use a channel's widget API. Each allowed entry is an origin
 * ({@code https://shop.example.com}, {@code http://localhost:8080}) or an origin whose port is {@code *}
 * ({@code http://127.0.0.1:*}: any port, or none). Scheme and host compare case-insensitively; the default port
 * of the scheme is the same as no port. Anything else (paths, wildcards in the host) is refused at start-up.
 */
public final class OriginPolicy {

    private record Pattern(String scheme, String host, int port) {
        static final int ANY_PORT = -2;

        boolean matches(Origin origin) {
            return scheme.equals(origin.scheme()) && host.equals(origin.host())
                    && (port == ANY_PORT || port == origin.port());
        }
    }

    private record Origin(String scheme, String host, int port) {
    }

    private final List<Pattern> allowed;

    private OriginPolicy(List<Pattern> allowed) {
        this.allowed = allowed;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an origin or origin pattern */
    public static OriginPolicy of(List<String> allowedOrigins) {
        return new OriginPolicy(allowedOrigins.stream().map(OriginPolicy::pattern).toList());
    }

    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        Origin parsed = parse(origin);
        return parsed != null && allowed.stream().anyMatch(pattern -> pattern.matches(parsed));
    }

    private static Pattern pattern(String entry) {
        String trimmed = entry.trim();
        boolean anyPort = trimmed.endsWith(":*");
        Origin origin = parse(anyPort ? trimmed.substring(0, trimmed.length() - 2) : trimmed);
        if (origin == null) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port|:*]): " + entry);
        }
        return new Pattern(origin.scheme(), origin.host(), anyPort ? Pattern.ANY_PORT : origin.port());
    }

    /** An origin as browsers send it: scheme, host, optional port; nothing else. Null when it is not one. */
    private static Origin parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return null;
        }
        int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }
}
