package dev.corral.api.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiRequest;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.ManagementApi;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import dev.corral.platform.control.ControlLimits;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.RecordingRuntime;
import dev.corral.platform.control.SecretSealer;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.sqlite.SqliteControlStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The management API over a real SQLite control store in a temporary directory, with two accounts and their tokens,
 * for end-to-end tests of zones, routes and plain scripts. The serving side is a {@link RecordingRuntime}: the api
 * module cannot reach the real one, which lives in the server.
 */
public final class RoutesTestApi implements AutoCloseable {
    public static final String ACCOUNT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public static final String OTHER_ACCOUNT = "0f9e8d7c6b5a49382716f5e4d3c2b1a0";
    public static final String TOKEN = "token-of-account-one";
    public static final String OTHER_TOKEN = "token-of-account-two";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final SqliteControlStore store;
    public final RecordingRuntime runtime = RecordingRuntime.recordingRouteChanges();
    public final ControlPlane control;
    public final ZonesAndRoutes zones;
    public final ManagementApi api;

    public RoutesTestApi(Path dataDir, Function<RoutesTestApi, List<Endpoints>> endpoints) {
        this.store = SqliteControlStore.open(dataDir);
        store.putToken(ManagementApi.sha256Hex(TOKEN), ACCOUNT);
        store.putToken(ManagementApi.sha256Hex(OTHER_TOKEN), OTHER_ACCOUNT);
        SecretSealer sealer = new SecretSealer(new byte[32]);
        this.control = new ControlPlane(store, runtime, sealer, ControlLimits.DEFAULT, Clock.systemUTC());
        this.zones = new ZonesAndRoutes(store, runtime, Clock.systemUTC());
        this.api = new ManagementApi(store, endpoints.apply(this));
    }

    /** The zone and route endpoints. */
    public static RoutesTestApi forZones(Path dataDir) {
        return new RoutesTestApi(dataDir, t -> List.of(new ZoneEndpoints(t.zones), new WorkerRouteEndpoints(t.zones)));
    }

    /** Deploys a plain script straight through the control plane. */
    public void deployPlain(String account, String name) {
        ObjectNode metadata = MAPPER.createObjectNode().put("main_module", "index.js");
        byte[] code = "export default { fetch() { return new Response('hi') } }".getBytes(StandardCharsets.UTF_8);
        control.scripts().deploy(ScriptKey.plain(account, name),
                new ScriptUpload(metadata, List.of(new UploadedModule("index.js", "application/javascript+module", code))),
                false);
    }

    public Reply call(String token, String method, String pathAndQuery, String jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        if (jsonBody != null) {
            headers.put("Content-Type", "application/json");
        }
        return send(new ApiRequest(method, "/client/v4" + pathAndQuery, query(pathAndQuery), headers, body));
    }

    public Reply send(ApiRequest request) {
        ApiResponse response = api.handle(request);
        try {
            return new Reply(response, MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply get(String path) {
        return call(TOKEN, "GET", path, null);
    }

    public static Map<String, List<String>> query(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (question < 0) {
            return query;
        }
        for (String pair : pathAndQuery.substring(question + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    @Override
    public void close() {
        store.close();
    }

    /** An answer with its body parsed. */
    public record Reply(ApiResponse response, JsonNode json) {
        public int status() {
            return response.status();
        }

        public JsonNode result() {
            return json.get("result");
        }

        public int errorCode() {
            return json.path("errors").path(0).path("code").asInt();
        }

        public String errorMessage() {
            return json.path("errors").path(0).path("message").asText();
        }

        @Override
        public String toString() {
            return status() + " " + json;
        }
    }
}
