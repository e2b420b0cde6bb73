package org.supportflow.devinfra.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name value} options of the local platform's launchers (called by {@code deploy/local/*.sh},
 * so the syntax stays deliberately small: every option takes exactly one value).
 */
final class LaunchArgs {

    private final Map<String, String> options;

    private LaunchArgs(Map<String, String> options) {
        this.options = options;
    }

    static LaunchArgs parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected an option like --name value, got: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("option --" + name + " given twice");
            }
        }
        return new LaunchArgs(options);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String string(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException("missing option --" + name));
    }

    String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    Path path(String name) {
        return Path.of(string(name));
    }

    int port(String name) {
        return port(name, string(name));
    }

    int port(String name, int fallback) {
        return optional(name).map(value -> port(name, value)).orElse(fallback);
    }

    int positiveInt(String name, int fallback) {
        return optional(name).map(value -> {
            int number = integer(name, value);
            if (number < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
            }
            return number;
        }).orElse(fallback);
    }

    private static int port(String name, String value) {
        int port = integer(name, value);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--" + name + " is not a TCP port: " + value);
        }
        return port;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }
}
