package dev.corral.server.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An origin on loopback that workers fetch, recording every request it receives. It answers
 * {@code upstream saw <path>} with status 200, except {@code /slow?ms=N} (after N ms), and {@code /redirect?to=P}
 * (a 302 to P).
 */
final class UpstreamEcho implements AutoCloseable {
    /** One request as the upstream received it. Header names are lower case. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String path() {
            int query = pathAndQuery.indexOf('?');
            return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    private UpstreamEcho(HttpServer server) {
        this.server = server;
    }

    static UpstreamEcho start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        UpstreamEcho upstream = new UpstreamEcho(server);
        server.createContext("/", upstream::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return upstream;
    }

    /** The origin, e.g. {@code http://127.0.0.1:40123}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String pathAndQuery) {
        return origin() + pathAndQuery;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> receivedAt(String path) {
        return received().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits up to {@code millis} for a request matching {@code test}. */
    Optional<Received> await(Predicate<Received> test, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (received) {
            while (true) {
                Optional<Received> found = received.stream().filter(test).findFirst();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (found.isPresent() || left <= 0) return found;
                received.wait(left);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        synchronized (received) {
            received.add(new Received(exchange.getRequestMethod(), pathAndQuery, headers, body));
            received.notifyAll();
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (uri.getPath().equals("/slow")) {
            sleep(Long.parseLong(query.replaceAll(".*ms=(\\d+).*", "$1")));
        }
        if (uri.getPath().equals("/redirect")) {
            exchange.getResponseHeaders().add("Location", java.net.URLDecoder.decode(query.replaceFirst(".*to=([^&]*).*", "$1"), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] answer = ("upstream saw " + uri.getRawPath()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
