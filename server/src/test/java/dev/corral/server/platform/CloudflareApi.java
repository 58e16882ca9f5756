package dev.corral.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A client of a node's Cloudflare v4 management API, over plain HTTP with a bearer token, sending what wrangler and the
 * SDK send. It makes no assumptions about the answers: callers assert on them.
 */
final class CloudflareApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String token;
    private final String accountId;

    CloudflareApi(URI base, String token, String accountId) {
        this.base = base;
        this.token = token;
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    /** The same API as another caller: a different token, or a path naming a different account. */
    CloudflareApi as(String otherToken, String otherAccountId) {
        return new CloudflareApi(base, otherToken, otherAccountId);
    }

    String account() {
        return "/accounts/" + accountId;
    }

    String namespaces() {
        return account() + "/workers/dispatch/namespaces";
    }

    /** The path of a user worker in a dispatch namespace. */
    String userWorker(String namespace, String script) {
        return namespaces() + "/" + namespace + "/scripts/" + script;
    }

    /** The path of one of the account's plain scripts, such as the dispatcher. */
    String plainScript(String script) {
        return account() + "/workers/scripts/" + script;
    }

    // ---------------------------------------------------------------- raw calls

    ApiAnswer send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiAnswer(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ApiAnswer get(String path) {
        return send("GET", path, null, null);
    }

    ApiAnswer json(String method, String path, String json) {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    ApiAnswer upload(String path, String metadataJson, List<WranglerForm.Module> modules) {
        WranglerForm form = WranglerForm.of(metadataJson, modules);
        return send("PUT", path, form.contentType(), form.body());
    }

    // ---------------------------------------------------------------- what a platform does

    ApiAnswer createNamespace(String name) {
        return json("POST", namespaces(), "{\"name\":" + quote(name) + "}").requireSuccess();
    }

    /** {@code PUT} a namespace with the given fields besides its name, e.g. {@code "trusted_workers":true}. */
    ApiAnswer updateNamespace(String name, String fields) {
        return json("PUT", namespaces() + "/" + name, "{\"name\":" + quote(name) + "," + fields + "}").requireSuccess();
    }

    /** Uploads a user worker as {@code wrangler deploy --dispatch-namespace} does. */
    ApiAnswer uploadUserWorker(String namespace, String script, String metadataJson, List<WranglerForm.Module> modules) {
        return upload(userWorker(namespace, script) + "?excludeScript=true&bindings_inherit=strict", metadataJson, modules);
    }

    /** Uploads a plain script (a dispatcher, an outbound worker) as the first {@code wrangler deploy} of it does. */
    ApiAnswer uploadPlainScript(String script, String metadataJson, List<WranglerForm.Module> modules) {
        return upload(plainScript(script) + "?excludeScript=true&bindings_inherit=strict", metadataJson, modules);
    }

    /** Creates a zone and answers its id. */
    String createZone(String name) {
        return json("POST", "/zones", "{\"name\":" + quote(name) + ",\"account\":{\"id\":" + quote(accountId) + "}}")
                .requireSuccess().result().path("id").asText();
    }

    ApiAnswer createRoute(String zoneId, String pattern, String script) {
        return json("POST", "/zones/" + zoneId + "/workers/routes",
                "{\"pattern\":" + quote(pattern) + ",\"script\":" + quote(script) + "}").requireSuccess();
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
