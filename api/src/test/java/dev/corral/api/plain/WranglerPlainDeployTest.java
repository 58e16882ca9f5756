package dev.corral.api.plain;

import static dev.corral.api.zones.RoutesTestApi.ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.api.ApiRequest;
import dev.corral.api.ApiResponse;
import dev.corral.api.zones.RoutesTestApi;
import dev.corral.api.zones.RoutesTestApi.Reply;
import dev.corral.api.zones.WorkerRouteEndpoints;
import dev.corral.api.zones.ZoneEndpoints;
import dev.corral.platform.control.ControlLimits;
import dev.corral.platform.control.ScriptVersions;
import dev.corral.platform.control.SecretSealer;
import dev.corral.platform.routing.LiveRouteTable;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls wrangler 4.x makes to deploy a platform's dispatch worker as a plain script, first and second time, in the
 * order and with the bodies recorded in client-wire-format.md §2.4, each answered the way wrangler needs.
 */
class WranglerPlainDeployTest {
    private static final String SCRIPTS = "/accounts/" + ACCOUNT + "/workers/scripts";
    private static final String DISPATCHER = SCRIPTS + "/dispatcher";
    private static final String METADATA = """
            {"main_module":"index.js","bindings":[{"name":"DISPATCHER","type":"dispatch_namespace","namespace":"tenants",\
            "outbound":{"worker":{"service":"outbound-worker"},"params":[{"name":"customer"}]}}],\
            "compatibility_date":"2025-01-01","compatibility_flags":[]}""";
    private static final String CODE_V1 = "export default { fetch(r, env) { return env.DISPATCHER.get('a').fetch(r) } }";
    private static final String CODE_V2 = "export default { fetch(r, env) { return env.DISPATCHER.get('b').fetch(r) } }";

    @TempDir
    Path dataDir;
    private RoutesTestApi t;

    @BeforeEach
    void start() {
        t = new RoutesTestApi(dataDir, api -> {
            ScriptVersions versions = new ScriptVersions(api.store, api.runtime, new SecretSealer(new byte[32]),
                    ControlLimits.DEFAULT, Clock.systemUTC());
            ScriptForms forms = new WranglerFormReader();
            return List.of(new PlainScriptEndpoints(api.control, api.zones, forms),
                    new DeploymentEndpoints(api.control, versions, forms), new WorkersDevEndpoints(api.control),
                    new AccountEndpoints(), new R2Endpoints(), new ZoneEndpoints(api.zones),
                    new WorkerRouteEndpoints(api.zones), new ScriptRouteEndpoints(api.zones));
        });
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Reply upload(String method, String pathAndQuery, byte[] form) {
        return t.send(new ApiRequest(method, "/client/v4" + pathAndQuery, RoutesTestApi.query(pathAndQuery),
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", WranglerForm.CONTENT_TYPE), form));
    }

    private static byte[] form(String code) {
        return new WranglerForm(METADATA).module("index.js", "application/javascript+module", code).bytes();
    }

    private static void notFound10007(Reply reply) {
        assertEquals(404, reply.status(), reply.toString());
        assertFalse(reply.json().get("success").asBoolean());
        assertEquals(10007, reply.errorCode(), reply.toString());
    }

    private static JsonNode ok(Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().get("success").asBoolean());
        return reply.result();
    }

    /** Deploy one: wrangler finds no worker and uploads the script with PUT. */
    private String firstDeploy() {
        notFound10007(t.get("/accounts/" + ACCOUNT + "/workers/services/dispatcher"));
        notFound10007(t.get(DISPATCHER + "/deployments"));
        notFound10007(t.get(DISPATCHER + "/settings"));
        JsonNode uploaded = ok(upload("PUT", DISPATCHER + "?excludeScript=true&bindings_inherit=strict", form(CODE_V1)));
        assertTrue(uploaded.get("deployment_id").asText().matches("[0-9a-f-]{36}"), uploaded.toString());
        assertTrue(uploaded.get("startup_time_ms").isNumber());
        assertEquals("corral", ok(t.get("/accounts/" + ACCOUNT + "/workers/subdomain")).get("subdomain").asText());
        JsonNode subdomain = ok(t.get(DISPATCHER + "/subdomain"));
        assertFalse(subdomain.get("enabled").asBoolean());
        assertFalse(subdomain.get("previews_enabled").asBoolean());
        ok(t.call(TOKEN, "POST", DISPATCHER + "/subdomain", "{\"enabled\":true}"));
        return uploaded.get("deployment_id").asText();
    }

    @Test
    void aFirstDeployCreatesTheScript() {
        String versionId = firstDeploy();
        assertEquals(versionId.replace("-", ""), t.store.script(ScriptKey.plain(ACCOUNT, "dispatcher")).orElseThrow().versionId());
        JsonNode settings = ok(t.get(DISPATCHER + "/settings"));
        assertEquals("dispatch_namespace", settings.get("bindings").get(0).get("type").asText());
        assertEquals("2025-01-01", settings.get("compatibility_date").asText());
    }

    @Test
    void aSecondDeployUploadsAVersionThenDeploysIt() {
        String firstVersion = firstDeploy();

        JsonNode service = ok(t.get("/accounts/" + ACCOUNT + "/workers/services/dispatcher"));
        JsonNode script = service.path("default_environment").path("script");
        assertTrue(script.get("tag").asText().matches("[0-9a-f]{32}"), service.toString());
        assertTrue(script.get("tags").isArray());
        assertEquals("wrangler", script.get("last_deployed_from").asText());

        JsonNode deployments = ok(t.get(DISPATCHER + "/deployments")).get("deployments");
        assertEquals(1, deployments.size());
        JsonNode current = deployments.get(0).get("versions");
        assertEquals(firstVersion, current.get(0).get("version_id").asText());
        assertEquals(100, current.get(0).get("percentage").asInt());
        assertEquals("percentage", deployments.get(0).get("strategy").asText());

        ok(t.get(DISPATCHER + "/settings"));

        JsonNode version = ok(upload("POST", DISPATCHER + "/versions?bindings_inherit=strict", form(CODE_V2)));
        String secondVersion = version.get("id").asText();
        assertTrue(secondVersion.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), version.toString());
        assertFalse(secondVersion.equals(firstVersion));
        assertTrue(version.path("resources").path("script").path("etag").isTextual(), version.toString());
        assertEquals("fetch", version.path("resources").path("script").path("handlers").get(0).asText());
        assertEquals("DISPATCHER", version.path("resources").path("bindings").get(0).get("name").asText());
        assertTrue(version.get("startup_time_ms").isNumber());
        assertEquals(firstVersion, ok(t.get(DISPATCHER + "/deployments")).at("/deployments/0/versions/0/version_id").asText(),
                "an uploaded version serves nothing before its deployment");

        JsonNode deployment = ok(t.call(TOKEN, "POST", DISPATCHER + "/deployments", """
                {"strategy":"percentage","versions":[{"version_id":"%s","percentage":100}],"annotations":{}}"""
                .formatted(secondVersion)));
        assertEquals(secondVersion, deployment.at("/versions/0/version_id").asText());
        assertEquals(secondVersion, ok(t.get(DISPATCHER + "/deployments")).at("/deployments/0/versions/0/version_id").asText());

        int checks = t.runtime.checks.size();
        JsonNode scriptSettings = ok(t.call(TOKEN, "PATCH", DISPATCHER + "/script-settings",
                "{\"observability\":{\"enabled\":false},\"tags\":[]}"));
        assertEquals(checks, t.runtime.checks.size(), "sending the settings the script has makes no version");
        assertEquals(0, scriptSettings.get("tags").size());
        assertEquals(secondVersion, ok(t.get(DISPATCHER + "/deployments")).at("/deployments/0/versions/0/version_id").asText());

        ok(t.get(DISPATCHER + "/subdomain"));
        ok(t.call(TOKEN, "POST", DISPATCHER + "/subdomain", "{\"enabled\":true}"));
    }

    @Test
    void onlyADeploymentOfOneVersionToAllTrafficIsAccepted() {
        String version = firstDeploy();
        for (String body : List.of(
                "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"%s\",\"percentage\":50}]}",
                "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"%s\",\"percentage\":50},"
                        + "{\"version_id\":\"%<s\",\"percentage\":50}]}",
                "{\"strategy\":\"immediate\",\"versions\":[{\"version_id\":\"%s\",\"percentage\":100}]}")) {
            Reply reply = t.call(TOKEN, "POST", DISPATCHER + "/deployments", body.formatted(version));
            assertEquals(400, reply.status(), reply.toString());
            assertEquals(10021, reply.errorCode());
            assertTrue(reply.errorMessage().contains("100%"), reply.errorMessage());
        }
        notFound10007(t.call(TOKEN, "POST", SCRIPTS + "/nope/deployments",
                "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"" + version + "\",\"percentage\":100}]}"));
        notFound10007(upload("POST", SCRIPTS + "/nope/versions", form(CODE_V2)));
    }

    @Test
    void secretPutByNameReachesThePlainScript() {
        firstDeploy();
        JsonNode put = ok(t.call(TOKEN, "PUT", DISPATCHER + "/secrets",
                "{\"name\":\"API_KEY\",\"text\":\"s3cr3t\",\"type\":\"secret_text\"}"));
        assertEquals("API_KEY", put.get("name").asText());
        assertEquals("secret_text", put.get("type").asText());
        JsonNode list = ok(t.get(DISPATCHER + "/secrets"));
        assertEquals(1, list.size());
        assertFalse(list.toString().contains("s3cr3t"));
        assertEquals(Map.of("API_KEY", "s3cr3t"), t.control.secretValues(ScriptKey.plain(ACCOUNT, "dispatcher")));
        notFound10007(t.call(TOKEN, "PUT", SCRIPTS + "/nope/secrets", "{\"name\":\"A\",\"text\":\"b\",\"type\":\"secret_text\"}"));

        JsonNode bulk = ok(t.call(TOKEN, "PATCH", DISPATCHER + "/secrets-bulk",
                "{\"secrets\":{\"API_KEY\":null,\"DB_URL\":{\"name\":\"DB_URL\",\"text\":\"postgres://x\",\"type\":\"secret_text\"}}}"));
        assertEquals("secret_text", bulk.at("/DB_URL/type").asText());
        assertEquals(Map.of("DB_URL", "postgres://x"), t.control.secretValues(ScriptKey.plain(ACCOUNT, "dispatcher")));
        assertEquals(200, t.call(TOKEN, "DELETE", DISPATCHER + "/secrets/DB_URL", null).status());
        assertEquals(0, ok(t.get(DISPATCHER + "/secrets")).size());
    }

    @Test
    void scriptSettingsSetTagsAndTurnObservabilityOnWithANewVersion() {
        firstDeploy();
        int checks = t.runtime.checks.size();
        JsonNode settings = ok(t.call(TOKEN, "PATCH", DISPATCHER + "/script-settings",
                "{\"observability\":{\"enabled\":true},\"tags\":[\"cf:service=dispatcher\"]}"));
        assertEquals(List.of("cf:service=dispatcher"), List.of(settings.get("tags").get(0).asText()));
        assertTrue(settings.at("/observability/enabled").asBoolean());
        assertEquals(checks + 1, t.runtime.checks.size());
        assertEquals(settings, ok(t.get(DISPATCHER + "/script-settings")));
        assertEquals("cf:service=dispatcher",
                ok(t.get("/accounts/" + ACCOUNT + "/workers/services/dispatcher")).at("/default_environment/script/tags/0").asText());
    }

    @Test
    void anR2BindingMakesWranglerFailClearlyBeforeTheUpload() {
        assertEquals(10006, t.get("/accounts/" + ACCOUNT + "/r2/buckets/customer-a-bucket").errorCode());
        Reply create = t.call(TOKEN, "POST", "/accounts/" + ACCOUNT + "/r2/buckets", "{\"name\":\"customer-a-bucket\"}");
        assertEquals("R2 is not available in this Corral version yet", create.errorMessage());
    }

    @Test
    void theScriptServesItsRoutesAndDeletingItRemovesThem() {
        firstDeploy();
        String zone = ok(t.call(TOKEN, "POST", "/zones", "{\"name\":\"saas.example\"}")).get("id").asText();
        ok(t.call(TOKEN, "PUT", DISPATCHER + "/routes", "[{\"pattern\":\"*/*\",\"zone_name\":\"saas.example\"}]"));
        LiveRouteTable table = new LiveRouteTable(t.store);
        table.reload(ACCOUNT);
        assertEquals(Optional.of(ScriptKey.plain(ACCOUNT, "dispatcher")), table.match("https", "tenant.example", "/"));

        assertEquals(200, t.call(TOKEN, "DELETE", DISPATCHER + "?force=true", null).status());
        notFound10007(t.get("/accounts/" + ACCOUNT + "/workers/services/dispatcher"));
        assertEquals(0, ok(t.get("/zones/" + zone + "/workers/routes")).size());
        table.reload(ACCOUNT);
        assertEquals(Optional.empty(), table.match("https", "tenant.example", "/"));
        notFound10007(t.call(TOKEN, "DELETE", DISPATCHER, null));
    }

    @Test
    void theScriptsContentComesBackAsUploaded() {
        firstDeploy();
        ApiResponse content = t.api.handle(new ApiRequest("GET", "/client/v4" + DISPATCHER, Map.of(),
                Map.of("Authorization", "Bearer " + TOKEN), new byte[0]));
        assertEquals(200, content.status());
        assertTrue(new String(content.body(), java.nio.charset.StandardCharsets.UTF_8).contains(CODE_V1));
    }
}
