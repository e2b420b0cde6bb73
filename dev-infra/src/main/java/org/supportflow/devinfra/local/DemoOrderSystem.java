package org.supportflow.devinfra.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A STAND-IN for a company's order system, for the local platform's demo of domain actions (issue 15): it is not
 * part of SupportFlow and a real deployment never runs it. It serves recorded JSON responses from files, nothing
 * else: {@code GET /orders/20261201-77812} answers {@code <dir>/orders/20261201-77812.json} with 200, or with the
 * status in {@code <dir>/orders/20261201-77812.status} when that file exists (a 503 stands for a system that is
 * down), after the pause in milliseconds written in {@code <n>.delay-ms} when that exists (a system too slow for
 * the action's timeout); the body is the file as it is, broken JSON included; anything without a file is 404. Only paths of letters, digits, {@code -} and {@code _} segments are
 * looked up. It logs no request (the paths hold order numbers).
 * <pre>
 * DemoOrderSystem --port 8095 --dir deploy/local/demo-orders [--host 127.0.0.1]
 * </pre>
 * {@code GET /health} answers 200 (up.sh waits for it).
 */
public final class DemoOrderSystem {

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-]{1,64}){1,6}");

    private DemoOrderSystem() {
    }

    public static void main(String[] argv) throws IOException {
        LaunchArgs args = LaunchArgs.parse(List.of(argv));
        int port = Integer.parseInt(args.string("port"));
        String host = args.string("host", "127.0.0.1");
        Path dir = args.path("dir").toAbsolutePath().normalize();
        HttpServer server = start(host, port, dir);
        System.out.println("demo order system (a stand-in for the company's system) on http://" + host + ":"
                + server.getAddress().getPort() + ", responses from " + dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    /** Starts the server (port 0: any free port); the caller stops it. */
    public static HttpServer start(String host, int port, Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8)); // a few slow answers must not hold up the rest
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, dir);
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, Path dir) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            send(exchange, 200, "{\"status\":\"UP\",\"note\":\"demo stand-in for the company's order system\"}");
            return;
        }
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        if (!SAFE_PATH.matcher(path).matches()) {
            send(exchange, 404, "{\"error\":\"not_found\"}");
            return;
        }
        Path base = dir.resolve(path.substring(1));
        Path json = base.resolveSibling(base.getFileName() + ".json");
        Path status = base.resolveSibling(base.getFileName() + ".status");
        Path delay = base.resolveSibling(base.getFileName() + ".delay-ms");
        if (!json.normalize().startsWith(dir)) {
            send(exchange, 404, "{\"error\":\"not_found\"}");
            return;
        }
        if (Files.isRegularFile(delay)) {
            pause(Long.parseLong(Files.readString(delay).strip()));
        }
        int code = 200;
        if (Files.isRegularFile(status)) {
            code = Integer.parseInt(Files.readString(status).strip());
        } else if (!Files.isRegularFile(json)) {
            send(exchange, 404, "{\"error\":\"not_found\"}");
            return;
        }
        String body = Files.isRegularFile(json) ? Files.readString(json, StandardCharsets.UTF_8)
                : "{\"error\":\"status_" + code + "\"}";
        send(exchange, code, body);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
