package dev.corral.server.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.corral.server.CorralNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The node's management API called directly with the JDK's HTTP client, to set up what a client test needs and to check
 * what a client left behind, without trusting the client under test to report it.
 */
final class CorralApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final String account;

    CorralApi(CorralNode node) throws IOException {
        this.base = node.apiBase().toString();
        this.token = node.apiToken();
        this.account = node.accountId();
    }

    /** {@code /accounts/<account>} followed by {@code rest}. */
    String account(String rest) {
        return "/accounts/" + account + rest;
    }

    String namespaces() {
        return account("/workers/dispatch/namespaces");
    }

    String namespace(String name) {
        return namespaces() + "/" + name;
    }

    String script(String namespace, String script) {
        return namespace(namespace) + "/scripts/" + script;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    Reply post(String path, Object json) throws IOException, InterruptedException {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)), "application/json");
    }

    Reply put(String path, Object json) throws IOException, InterruptedException {
        return send("PUT", path, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json)), "application/json");
    }

    private Reply send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (contentType != null) request.header("Content-Type", contentType);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = JSON.readTree(response.body());
        } catch (IOException notJson) {
            parsed = MissingNode.getInstance();
        }
        return new Reply(method + " " + path, response.statusCode(), response.body(), parsed == null ? MissingNode.getInstance() : parsed);
    }

    /** One answer: its status and the Cloudflare envelope, kept whole for assertion messages. */
    record Reply(String call, int status, String raw, JsonNode envelope) {
        JsonNode result() {
            return envelope.path("result");
        }

        /** The result of a 2xx answer with {@code success:true}; anything else fails the test with the whole answer. */
        JsonNode ok() {
            if (status / 100 != 2 || !envelope.path("success").asBoolean(false)) {
                throw new AssertionError("expected success from " + this);
            }
            return result();
        }

        int firstErrorCode() {
            return envelope.path("errors").path(0).path("code").asInt(0);
        }

        @Override
        public String toString() {
            return call + " -> " + status + " " + raw;
        }
    }
}
