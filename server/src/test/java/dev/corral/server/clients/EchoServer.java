package dev.corral.server.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream on loopback that answers every request with a JSON description of it and remembers it, so a test can see
 * exactly what arrived after a worker's fetch passed through the outbound worker.
 */
final class EchoServer implements AutoCloseable {
    private final HttpServer server;
    private final List<ObjectNode> received = new CopyOnWriteArrayList<>();

    EchoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::echo);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    List<ObjectNode> received() {
        return List.copyOf(received);
    }

    private void echo(HttpExchange exchange) throws IOException {
        ObjectNode request = CorralApi.JSON.createObjectNode();
        request.put("method", exchange.getRequestMethod());
        request.put("path", exchange.getRequestURI().getRawPath());
        request.put("query", exchange.getRequestURI().getRawQuery());
        ObjectNode headers = request.putObject("headers");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(), String.join(", ", header.getValue()));
        }
        exchange.getRequestBody().readAllBytes();
        received.add(request);
        byte[] body = CorralApi.JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
