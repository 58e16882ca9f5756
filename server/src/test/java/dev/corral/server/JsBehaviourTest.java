package dev.corral.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every {@code *-test.js} worker in src/test/resources/workers on one real node, over HTTP. Each worker runs
 * its cases inside its isolate and answers {@code {passed, failed}}; each case becomes a JUnit test. Every worker is
 * asked twice, so state carried between requests (waitUntil work, a surviving isolate) is covered too. A local
 * upstream server stands in for the network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsBehaviourTest {
    private CorralNode node;
    private HttpServer upstream;

    @AfterAll
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.stop(0);
    }

    @TestFactory
    Stream<DynamicNode> everyJsBehaviourTestPasses() throws Exception {
        Path folder = CorralNode.worker("harness.js").getParent();
        List<Path> workers;
        try (Stream<Path> files = Files.list(folder)) {
            workers = files.filter(p -> p.getFileName().toString().endsWith("-test.js")).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("--allow-private-egress"));
        for (Path worker : workers) args.addAll(List.of("--worker", name(worker) + "=" + worker));
        upstream = startUpstream();
        node = CorralNode.start(args.toArray(String[]::new));
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();

        List<DynamicNode> containers = new ArrayList<>();
        for (Path worker : workers) {
            List<DynamicNode> rounds = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                HttpResponse<String> response = node.get(name(worker), "/?round=" + round + "&upstream=" + upstreamUrl);
                rounds.add(DynamicContainer.dynamicContainer("round " + round, cases(response)));
            }
            containers.add(DynamicContainer.dynamicContainer(worker.getFileName().toString(), rounds));
        }
        return containers.stream();
    }

    private static String name(Path worker) {
        return worker.getFileName().toString().replace(".js", "");
    }

    private static Stream<DynamicTest> cases(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            return Stream.of(DynamicTest.dynamicTest("answers 200", () -> fail(response.statusCode() + ": " + response.body())));
        }
        JsonNode report = CorralNode.JSON.readTree(response.body());
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("runs at least one case", () -> assertFalse(report.get("passed").isEmpty() && report.get("failed").isEmpty())));
        for (JsonNode passed : report.get("passed")) tests.add(DynamicTest.dynamicTest(passed.asText(), () -> { }));
        for (JsonNode failed : report.get("failed")) {
            tests.add(DynamicTest.dynamicTest(failed.get("name").asText(), () -> fail(failed.get("error").asText())));
        }
        return tests.stream();
    }

    /** The upstream that egress tests fetch from: text, echo, byte streams, redirects and slow answers. */
    private static HttpServer startUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/text", exchange -> {
            exchange.getResponseHeaders().add("x-upstream", "yes");
            respond(exchange, 200, query(exchange).getOrDefault("value", "").getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/echo", exchange -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", exchange.getRequestMethod());
            echo.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
            echo.put("headers", headers);
            exchange.getResponseHeaders().add("content-type", "application/json");
            respond(exchange, 200, CorralNode.JSON.writeValueAsBytes(echo));
        });
        server.createContext("/bytes", exchange -> {
            int size = Integer.parseInt(query(exchange).get("size"));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < size; sent += block.length) out.write(block, 0, Math.min(block.length, size - sent));
            }
        });
        server.createContext("/redirect", exchange -> {
            Map<String, String> query = query(exchange);
            exchange.getResponseHeaders().add("location", query.get("to"));
            respond(exchange, Integer.parseInt(query.getOrDefault("status", "302")), new byte[0]);
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(Long.parseLong(query(exchange).get("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "slow".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        return server;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> result = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) return result;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            result.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return result;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
