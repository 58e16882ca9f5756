package dev.corral.api;

import static dev.corral.api.ApiFixture.ACCOUNT;
import static dev.corral.api.ApiFixture.NAMESPACES;
import static dev.corral.api.ApiFixture.body;
import static dev.corral.api.ApiFixture.json;
import static dev.corral.api.Multipart.esm;
import static dev.corral.api.Multipart.module;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptEndpointsTest {
    static final String SCRIPTS = NAMESPACES + "/tenants/scripts";
    static final String HELLO = "export default { fetch() { return new Response('hi'); } }";

    @TempDir
    Path dir;
    ApiFixture fx;
    NamespaceRecord ns;

    @BeforeEach
    void open() {
        fx = new ApiFixture(dir);
        assertEquals(200, fx.post(NAMESPACES).json("{'name':'tenants'}").send().status());
        ns = fx.store.namespace(ACCOUNT, "tenants").orElseThrow();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private ScriptKey key(String name) {
        return new ScriptKey(ACCOUNT, ns.id(), name);
    }

    private static JsonNode ok(ApiResponse response) {
        assertEquals(200, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", response.headers().get("Content-Type"));
        JsonNode body = body(response);
        assertTrue(body.get("success").asBoolean());
        return body.get("result");
    }

    /** Asserts a refusal with status and code, and that it changed nothing stored. */
    private JsonNode refused(int status, int code, ApiFixture.Request request) {
        String before = fx.snapshot();
        ApiResponse response = request.send();
        assertEquals(status, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("false", response.headers().get("x-should-retry"));
        JsonNode error = body(response).at("/errors/0");
        assertEquals(code, error.get("code").asInt(), error.toString());
        assertFalse(body(response).get("success").asBoolean());
        assertEquals(before, fx.snapshot());
        return error;
    }

    private JsonNode deploy(String name, String metadata) {
        return ok(fx.put(SCRIPTS + "/" + name).multipart(Multipart.wrangler(metadata, esm(HELLO))).send());
    }

    @Test
    void aWranglerUploadAnswersTheScriptObjectAndStoresTheVersion() {
        ApiResponse response = fx.put(SCRIPTS + "/customer-a?excludeScript=true&bindings_inherit=strict")
                .multipart(Multipart.wrangler("""
                        {'main_module':'index.js','compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],
                         'bindings':[{'name':'GREETING','type':'plain_text','text':'hello'}],'tags':['customer-a'],
                         'keep_bindings':['secret_text','secret_key']}""",
                        esm("import banner from './339bb5-banner.txt'; " + HELLO),
                        module("./339bb5-banner.txt", "text/plain", "hello-from-text-module")))
                .send();
        JsonNode result = ok(response);
        ScriptRecord script = fx.store.script(key("customer-a")).orElseThrow();
        VersionRecord version = fx.store.version(script.versionId()).orElseThrow();
        String id = version.id();
        assertEquals(json("""
                {'id':'customer-a','etag':'%s','tag':'%s','tags':['customer-a'],'handlers':['fetch'],
                 'created_on':'%s','modified_on':'%s','usage_model':'standard','logpush':false,'has_assets':false,
                 'has_modules':true,'compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],
                 'migration_tag':null,'startup_time_ms':1,'deployment_id':'%s'}""".formatted(id, script.tag(),
                script.createdOn(), script.modifiedOn(), id.substring(0, 8) + "-" + id.substring(8, 12) + "-"
                        + id.substring(12, 16) + "-" + id.substring(16, 20) + "-" + id.substring(20))), result);
        assertEquals(List.of("index.js", "./339bb5-banner.txt"),
                version.modules().stream().map(m -> m.name()).toList());
        assertEquals(List.of(key("customer-a")), fx.runtime.scriptsChanged);
    }

    @Test
    void anSdk6UploadNamesModulesByFilename() {
        JsonNode result = ok(fx.put(SCRIPTS + "/customer-b").multipart(Multipart.sdk6("{'main_module':'worker.js'}",
                module("worker.js", "application/javascript+module", "import { x } from './helper.js'; " + HELLO),
                module("helper.js", "application/javascript+module", "export const x = 1;"))).send());
        assertEquals("customer-b", result.get("id").asText());
        VersionRecord version = fx.control.currentVersion(key("customer-b"));
        assertEquals(List.of("worker.js", "helper.js"), version.modules().stream().map(m -> m.name()).toList());
    }

    @Test
    void anSdk7UploadWithBracketFieldsAndNoBoundaryIsAccepted() {
        JsonNode result = ok(fx.put(SCRIPTS + "/customer-c").multipart(Multipart.sdk7(new String[][] {
                {"metadata[main_module]", "worker.js"},
                {"metadata[compatibility_flags][]", "nodejs_compat"},
                {"metadata[bindings][][type]", "plain_text"},
                {"metadata[bindings][][name]", "GREETING"},
                {"metadata[bindings][][text]", "hello"},
                {"metadata[tags][]", "customer-sdk"}},
                module("worker.js", "application/javascript+module", HELLO))).send());
        assertEquals(json("['customer-sdk']"), result.get("tags"));
        assertEquals(json("['nodejs_compat']"), result.get("compatibility_flags"));
        assertEquals(json("[{'name':'GREETING','type':'plain_text','text':'hello'}]"),
                ok(fx.get(SCRIPTS + "/customer-c/bindings").send()));
    }

    @Test
    void aServiceWorkerUploadUsesItsBodyPart() {
        JsonNode result = ok(fx.put(SCRIPTS + "/sw").multipart(Multipart.wrangler("{'body_part':'worker.js'}",
                module("worker.js", "application/javascript", "addEventListener('fetch', e => e.respondWith(new Response('x')))")))
                .send());
        assertFalse(result.get("has_modules").asBoolean());
        assertEquals("application/javascript", fx.control.currentVersion(key("sw")).modules().get(0).contentType());
    }

    @Test
    void invalidUploadsAreRefusedWithCloudflareCodesAndStoreNothing() {
        JsonNode missing = refused(400, 10021, fx.put(SCRIPTS + "/a").multipart(
                Multipart.wrangler("{'main_module':'other.js'}", esm(HELLO))));
        assertEquals("main_module 'other.js' is not among the uploaded modules", missing.get("message").asText());
        JsonNode kv = refused(400, 10021, fx.put(SCRIPTS + "/a").multipart(Multipart.wrangler(
                "{'main_module':'index.js','bindings':[{'name':'KV','type':'kv_namespace','namespace_id':'x'}]}", esm(HELLO))));
        assertEquals("Binding type 'kv_namespace' is not supported yet", kv.get("message").asText());
        refused(400, 10016, fx.put(SCRIPTS + "/Upper").multipart(Multipart.wrangler("{'main_module':'index.js'}", esm(HELLO))));
        JsonNode inherit = refused(400, 10057, fx.put(SCRIPTS + "/a?bindings_inherit=strict").multipart(Multipart.wrangler(
                "{'main_module':'index.js','bindings':[{'name':'X','type':'inherit'}]}", esm(HELLO))));
        assertEquals("inherit binding 'X' is invalid", inherit.get("message").asText());
        JsonNode syntax = refused(400, 10021, fx.put(SCRIPTS + "/a").multipart(
                Multipart.wrangler("{'main_module':'index.js'}", esm("export default SYNTAX ERROR"))));
        assertTrue(syntax.get("message").asText().startsWith("Uncaught SyntaxError"));
        refused(404, 10121, fx.put(NAMESPACES + "/nope/scripts/a").multipart(
                Multipart.wrangler("{'main_module':'index.js'}", esm(HELLO))));
    }

    @Test
    void getAnswersTheScriptWithItsNamespaceAndAMissingScriptIs10007() {
        JsonNode uploaded = deploy("customer-a", "{'main_module':'index.js'}");
        JsonNode result = ok(fx.get(SCRIPTS + "/customer-a").send());
        assertEquals("tenants", result.get("dispatch_namespace").asText());
        assertEquals(uploaded.get("created_on"), result.get("created_on"));
        ObjectNode expectedScript = ((ObjectNode) uploaded.deepCopy());
        expectedScript.remove(List.of("startup_time_ms", "deployment_id"));
        assertEquals(expectedScript, result.get("script"));
        assertTrue(result.get("script").has("migration_tag"));
        JsonNode error = refused(404, 10007, fx.get(SCRIPTS + "/nobody"));
        assertEquals("workers.api.error.script_not_found", error.get("message").asText());
    }

    @Test
    void deleteAnswers200WithNullAndAcceptsForce() {
        deploy("a", "{'main_module':'index.js'}");
        deploy("b", "{'main_module':'index.js'}");
        assertEquals(json("{'success':true,'errors':[],'messages':[],'result':null}"),
                body(fx.delete(SCRIPTS + "/a").send()));
        assertEquals(200, fx.delete(SCRIPTS + "/b?force=true").send().status());
        assertTrue(fx.store.script(key("a")).isEmpty());
        refused(404, 10007, fx.delete(SCRIPTS + "/a"));
    }

    @Test
    void listingFiltersByTagsAndPagesWithAnOpaqueCursor() {
        for (String name : List.of("c", "b", "a")) {
            deploy(name, "{'main_module':'index.js','tags':['" + (name.equals("b") ? "other" : "customer") + "']}");
        }
        ApiResponse first = fx.get(SCRIPTS + "?limit=1").send();
        assertEquals("a", ok(first).get(0).get("id").asText());
        JsonNode info = body(first).get("result_info");
        assertEquals(1, info.get("count").asInt());
        assertEquals(1, info.get("per_page").asInt());
        String cursor = info.get("cursor").asText();
        assertFalse(cursor.isEmpty());
        ApiResponse rest = fx.get(SCRIPTS + "?limit=5&cursor=" + cursor).send();
        assertEquals(List.of("b", "c"), ids(ok(rest)));
        assertEquals("", body(rest).at("/result_info/cursor").asText());
        assertEquals(List.of("a", "c"), ids(ok(fx.get(SCRIPTS + "?tags=customer:yes").send())));
        assertEquals(List.of("b"), ids(ok(fx.get(SCRIPTS + "?tags=customer:no").send())));
        assertEquals(100, body(fx.get(SCRIPTS).send()).at("/result_info/per_page").asInt());
        refused(400, 10021, fx.get(SCRIPTS + "?limit=1001"));
        refused(400, 10021, fx.get(SCRIPTS + "?limit=many"));
        refused(400, 10021, fx.get(SCRIPTS + "?tags=customer:perhaps"));
    }

    @Test
    void bulkDeleteRemovesScriptsMatchingTheTagFilter() {
        deploy("a", "{'main_module':'index.js','tags':['customer-123']}");
        deploy("b", "{'main_module':'index.js','tags':['customer-456']}");
        refused(400, 10021, fx.delete(SCRIPTS));
        assertEquals(200, fx.delete(SCRIPTS + "?tags=customer-123:yes").send().status());
        assertTrue(fx.store.script(key("a")).isEmpty());
        assertTrue(fx.store.script(key("b")).isPresent());
    }

    @Test
    void contentOfASingleModuleIsItsRawBytes() {
        deploy("a", "{'main_module':'index.js'}");
        ApiResponse response = fx.get(SCRIPTS + "/a/content").send();
        assertEquals(200, response.status());
        assertEquals("application/javascript+module", response.headers().get("Content-Type"));
        assertArrayEquals(HELLO.getBytes(StandardCharsets.UTF_8), response.body());
    }

    @Test
    void contentOfSeveralModulesIsMultipartWithOnePartEach() {
        ok(fx.put(SCRIPTS + "/a").multipart(Multipart.wrangler("{'main_module':'index.js'}",
                esm(HELLO), module("data.txt", "text/plain", "some text"))).send());
        ApiResponse response = fx.get(SCRIPTS + "/a/content").send();
        String type = response.headers().get("Content-Type");
        assertTrue(type.startsWith("multipart/form-data; boundary="), type);
        assertEquals("index.js", response.headers().get("cf-entrypoint"));
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\n"
                + "Content-Type: application/javascript+module\r\n\r\n" + HELLO + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"data.txt\"; filename=\"data.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nsome text\r\n"
                + "--" + boundary + "--\r\n", body);
    }

    @Test
    void putContentReplacesCodeButKeepsBindings() {
        deploy("a", "{'main_module':'index.js','bindings':[{'name':'A','type':'plain_text','text':'a'}]}");
        JsonNode result = ok(fx.put(SCRIPTS + "/a/content").multipart(Multipart.sdk6("{'main_module':'v2.js'}",
                module("v2.js", "application/javascript+module", "export default { fetch() { return new Response('v2'); } }")))
                .send());
        assertEquals("a", result.get("id").asText());
        assertEquals(json("[{'name':'A','type':'plain_text','text':'a'}]"), ok(fx.get(SCRIPTS + "/a/bindings").send()));
        assertEquals("export default { fetch() { return new Response('v2'); } }",
                new String(fx.get(SCRIPTS + "/a/content").send().body(), StandardCharsets.UTF_8));
        refused(404, 10007, fx.put(SCRIPTS + "/ghost/content").multipart(Multipart.sdk6("{'main_module':'index.js'}", esm(HELLO))));
    }

    @Test
    void putContentMayNameItsMainModuleInAHeaderInsteadOfMetadata() {
        deploy("a", "{'main_module':'index.js','compatibility_date':'2025-01-01'}");
        Multipart form = Multipart.wrangler("{}", module("main.js", "application/javascript+module",
                "export default { fetch() { return new Response('by header'); } }"));
        JsonNode result = ok(fx.put(SCRIPTS + "/a/content").multipart(form)
                .header("CF-WORKER-MAIN-MODULE-PART", "main.js").send());
        assertEquals("2025-01-01", result.get("compatibility_date").asText());
        assertEquals("main.js", fx.control.scripts().script(key("a")).metadata().entry());
    }

    @Test
    void anUnreadableUploadIsRefusedAndChangesNothing() {
        deploy("a", "{'main_module':'index.js'}");
        refused(400, 10026, fx.put(SCRIPTS + "/a").body("multipart/form-data; boundary=nope",
                "this is not multipart".getBytes(StandardCharsets.UTF_8)));
        refused(400, 10021, fx.put(SCRIPTS + "/a").multipart(Multipart.wrangler("{not json", esm(HELLO))));
    }

    @Test
    void settingsCanBeReadAndPatchedWithAMultipartSettingsPart() {
        deploy("a", """
                {'main_module':'index.js','compatibility_date':'2025-01-01','tags':['t'],
                 'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text','text':'v'}]}""");
        assertEquals(json("""
                {'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'K','type':'secret_text'}],
                 'compatibility_date':'2025-01-01','compatibility_flags':[],'limits':{},'logpush':false,
                 'observability':null,'placement':null,'tags':['t'],'tail_consumers':[],'usage_model':'standard'}"""),
                ok(fx.get(SCRIPTS + "/a/settings").send()));
        JsonNode patched = ok(fx.patch(SCRIPTS + "/a/settings").multipart(Multipart.settings(
                "{'compatibility_date':'2025-02-01','compatibility_flags':['nodejs_compat'],'logpush':false,"
                        + "'tags':['customer-sdk'],'observability':{'enabled':true}}")).send());
        assertEquals("2025-02-01", patched.get("compatibility_date").asText());
        assertEquals(json("['customer-sdk']"), patched.get("tags"));
        assertEquals(json("{'enabled':true}"), patched.get("observability"));
        assertEquals(patched, ok(fx.get(SCRIPTS + "/a/settings").send()));
        refused(400, 10021, fx.patch(SCRIPTS + "/a/settings").multipart(Multipart.settings("{'limits':{'cpu_ms':0}}")));
    }

    @Test
    void secretsCanBePutListedReadAndDeletedButNeverShowTheirValue() {
        deploy("a", "{'main_module':'index.js'}");
        assertEquals(json("{'name':'TOKEN','type':'secret_text'}"), ok(fx.put(SCRIPTS + "/a/secrets")
                .json("{'name':'TOKEN','text':'xyz','type':'secret_text'}").send()));
        assertEquals(json("[{'name':'TOKEN','type':'secret_text'}]"), ok(fx.get(SCRIPTS + "/a/secrets").send()));
        assertEquals(json("{'name':'TOKEN','type':'secret_text'}"), ok(fx.get(SCRIPTS + "/a/secrets/TOKEN").send()));
        assertEquals(Map.of("TOKEN", "xyz"), fx.control.secretValues(key("a")));
        assertFalse(new String(fx.get(SCRIPTS + "/a/secrets/TOKEN").send().body(), StandardCharsets.UTF_8).contains("xyz"));
        assertEquals(json("{'success':true,'errors':[],'messages':[],'result':null}"),
                body(fx.delete(SCRIPTS + "/a/secrets/TOKEN").send()));
        refused(404, 10056, fx.get(SCRIPTS + "/a/secrets/TOKEN"));
        refused(400, 10026, fx.put(SCRIPTS + "/a/secrets").json("{oops"));
        refused(400, 10052, fx.put(SCRIPTS + "/a/secrets").json("{'text':'x','type':'secret_text'}"));
    }

    @Test
    void aUrlEncodedSecretNameIsDecodedOnceMore() {
        deploy("a", "{'main_module':'index.js'}");
        ok(fx.put(SCRIPTS + "/a/secrets").json("{'name':'MY/KEY','text':'v','type':'secret_text'}").send());
        assertEquals("MY/KEY", ok(fx.get(SCRIPTS + "/a/secrets/MY%252FKEY?url_encoded=true").send()).get("name").asText());
        assertEquals(200, fx.delete(SCRIPTS + "/a/secrets/MY%252FKEY?url_encoded=true").send().status());
        assertEquals(Map.of(), fx.control.secretValues(key("a")));
    }

    @Test
    void aBulkSecretsPatchMergesAndAnswersEverySecret() {
        deploy("a", "{'main_module':'index.js','bindings':[{'name':'OLD','type':'secret_text','text':'1'}]}");
        JsonNode result = ok(fx.patch(SCRIPTS + "/a/secrets-bulk").json(
                "{'secrets':{'BULK1':{'name':'BULK1','text':'one','type':'secret_text'},'OLD':null}}").send());
        assertEquals(json("{'BULK1':{'name':'BULK1','type':'secret_text'}}"), result);
        assertEquals(Map.of("BULK1", "one"), fx.control.secretValues(key("a")));
        refused(400, 10021, fx.patch(SCRIPTS + "/a/secrets-bulk").json("{'secrets':{'X':{'text':5}}}"));
    }

    @Test
    void tagsCanBeReplacedAddedAndRemoved() {
        deploy("a", "{'main_module':'index.js'}");
        assertEquals(json("['x','y']"), ok(fx.put(SCRIPTS + "/a/tags").json("['x','y']").send()));
        assertEquals(200, fx.put(SCRIPTS + "/a/tags/z").send().status());
        assertEquals(json("{'success':true,'errors':[],'messages':[],'result':null}"),
                body(fx.delete(SCRIPTS + "/a/tags/x").send()));
        assertEquals(json("['y','z']"), ok(fx.get(SCRIPTS + "/a/tags").send()));
        refused(400, 10021, fx.put(SCRIPTS + "/a/tags").json("{'tags':['x']}"));
        refused(400, 10021, fx.put(SCRIPTS + "/a/tags").json("['1','2','3','4','5','6','7','8','9']"));
        refused(400, 10021, fx.put(SCRIPTS + "/a/tags/a%2Cb"));
    }

    @Test
    void scriptsOfAnotherAccountCannotBeReached() {
        deploy("a", "{'main_module':'index.js'}");
        refused(403, 9109, fx.get("/client/v4/accounts/intruder/workers/dispatch/namespaces/tenants/scripts/a"));
        refused(401, 10000, fx.get(SCRIPTS + "/a").withoutAuth());
    }

    private static List<String> ids(JsonNode scripts) {
        List<String> ids = new ArrayList<>();
        scripts.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }
}
