package dev.corral.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.platform.control.ControlLimits;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.RecordingRuntime;
import dev.corral.platform.control.SecretSealer;
import dev.corral.platform.control.StoreSnapshot;
import dev.corral.storage.ControlStore;
import dev.corral.storage.sqlite.SqliteControlStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The management API over a real SQLite store in a temporary directory, with one account and its token. */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-token-1";
    static final String BASE = "/client/v4/accounts/" + ACCOUNT;
    static final String NAMESPACES = BASE + "/workers/dispatch/namespaces";

    final ControlStore store;
    final RecordingRuntime runtime = new RecordingRuntime();
    final ControlPlane control;
    final ManagementApi api;

    ApiFixture(Path dataDir) {
        store = SqliteControlStore.open(dataDir);
        store.putToken(ManagementApi.sha256Hex(TOKEN), ACCOUNT);
        control = new ControlPlane(store, runtime, SecretSealer.forDataDir(dataDir), ControlLimits.DEFAULT, Clock.systemUTC());
        api = new ManagementApi(store, List.of(new NamespaceEndpoints(control), ScriptEndpoints.dispatchNamespace(control)));
    }

    /** A request as a server would hand it over: raw path, decoded query, the test token. */
    final class Request {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));
        private byte[] body = new byte[0];

        private Request(String method, String pathAndQuery) {
            this.method = method;
            int q = pathAndQuery.indexOf('?');
            this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            if (q >= 0) {
                for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request withoutAuth() {
            headers.remove("Authorization");
            return this;
        }

        Request json(String json) {
            headers.put("Content-Type", "application/json");
            body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        Request multipart(Multipart form) {
            return body(form.contentType(), form.bytes());
        }

        ApiResponse send() {
            return api.handle(new ApiRequest(method, path, query, headers, body));
        }
    }

    Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    Request get(String path) {
        return new Request("GET", path);
    }

    Request put(String path) {
        return new Request("PUT", path);
    }

    Request post(String path) {
        return new Request("POST", path);
    }

    Request patch(String path) {
        return new Request("PATCH", path);
    }

    Request delete(String path) {
        return new Request("DELETE", path);
    }

    static JsonNode body(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Everything the store holds for the account, to compare before and after a refused request. */
    String snapshot() {
        return StoreSnapshot.of(store, ACCOUNT);
    }

    @Override
    public void close() {
        store.close();
    }
}
