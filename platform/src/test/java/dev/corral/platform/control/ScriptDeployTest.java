package dev.corral.platform.control;

import static dev.corral.platform.control.ControlFixture.JSON;
import static dev.corral.platform.control.ControlFixture.esm;
import static dev.corral.platform.control.ControlFixture.hello;
import static dev.corral.platform.control.ControlFixture.json;
import static dev.corral.platform.control.ControlFixture.module;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptUpload;
import dev.corral.storage.ModuleRef;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptDeployTest {
    @TempDir
    Path dir;
    ControlFixture fx;
    ScriptOperations scripts;
    NamespaceRecord ns;
    ScriptKey key;

    @BeforeEach
    void open() {
        fx = new ControlFixture(dir);
        scripts = fx.control.scripts();
        ns = fx.namespace("tenants");
        key = fx.key(ns, "customer-a");
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Asserts the request is refused with the code and message start, and that the store did not change. */
    private PlatformException refused(int code, Supplier<?> request) {
        String before = fx.snapshot();
        PlatformException e = assertThrows(PlatformException.class, request::get);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.status());
        assertEquals(before, fx.snapshot());
        return e;
    }

    @Test
    void aDeployStoresModulesVersionAndScriptAndReportsTheStartup() {
        Deployment deployment = scripts.deploy(key, hello("'compatibility_date':'2025-01-01'"), true);
        ScriptRecord script = fx.store.script(key).orElseThrow();
        VersionRecord version = fx.store.version(script.versionId()).orElseThrow();
        assertEquals(script, deployment.view().script());
        assertEquals(version, deployment.view().version());
        assertEquals(32, script.tag().length());
        assertEquals(32, version.id().length());
        assertTrue(deployment.view().deploymentId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals(version.id(), deployment.view().deploymentId().replace("-", ""));
        assertEquals(List.of("fetch"), deployment.startup().handlers());
        ModuleRef ref = version.modules().get(0);
        assertEquals("application/javascript+module", ref.contentType());
        assertEquals("export default { fetch() { return new Response('hi'); } }",
                new String(fx.store.blob(ref.sha256()).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(List.of(key), fx.runtime.scriptsChanged);
        assertEquals(1, fx.runtime.checks.size());
        assertEquals(version.id(), fx.runtime.checks.get(0).version().id());
    }

    @Test
    void theStoredMetadataIsTheDocumentedNormalizedSchema() throws Exception {
        scripts.deploy(key, hello("""
                'compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],
                'bindings':[{'name':'GREETING','type':'plain_text','text':'hello'},{'name':'K','type':'secret_text','text':'v'}],
                'limits':{'cpu_ms':50},'usage_model':'bundled','logpush':true,'observability':{'enabled':true},
                'placement':{'mode':'smart'},'tail_consumers':[{'service':'tail'}],'migrations':{'new_tag':'v1'},
                'annotations':{'workers/message':'ignored'}"""), true);
        VersionRecord version = fx.control.currentVersion(key);
        assertEquals(json("""
                {'main_module':'index.js','bindings':[{'name':'GREETING','type':'plain_text','text':'hello'}],
                 'compatibility_date':'2025-01-01','compatibility_flags':['nodejs_compat'],'limits':{'cpu_ms':50},
                 'usage_model':'standard','logpush':true,'observability':{'enabled':true},'placement':{'mode':'smart'},
                 'tail_consumers':[{'service':'tail'}],'handlers':['fetch']}"""), JSON.readTree(version.metadataJson()));
    }

    @Test
    void deployingTheSameContentTwiceGivesTheSameVersionAndChangedContentANewOne() {
        String first = scripts.deploy(key, hello(""), false).view().version().id();
        ScriptRecord created = fx.store.script(key).orElseThrow();
        assertEquals(first, scripts.deploy(key, hello(""), false).view().version().id());
        String changed = scripts.deploy(key, hello("'compatibility_date':'2025-02-02'"), false).view().version().id();
        assertNotEquals(first, changed);
        ScriptRecord after = fx.store.script(key).orElseThrow();
        assertEquals(created.tag(), after.tag());
        assertEquals(created.createdOn(), after.createdOn());
        assertEquals(changed, after.versionId());
    }

    @Test
    void theSameCodeInTwoScriptsMakesTwoVersions() {
        String a = scripts.deploy(key, hello(""), false).view().version().id();
        String b = scripts.deploy(fx.key(ns, "customer-b"), hello(""), false).view().version().id();
        assertNotEquals(a, b);
    }

    @Test
    void aServiceWorkerBodyPartIsStoredAsAClassicScript() {
        ScriptUpload upload = new ScriptUpload(json("{'body_part':'worker.js'}"),
                List.of(module("worker.js", "application/javascript", "addEventListener('fetch', e => {})")));
        Deployment deployment = scripts.deploy(key, upload, false);
        assertEquals("application/javascript", deployment.view().version().modules().get(0).contentType());
        assertFalse(deployment.view().hasModules());
        assertEquals("worker.js", deployment.view().metadata().entry());
    }

    @Test
    void everyModuleKindIsStoredWithItsNormalizedType() {
        ScriptUpload upload = new ScriptUpload(json("{'main_module':'index.js'}"), List.of(
                module("index.js", "application/javascript", "import t from './t.txt'; export default {}"),
                module("lib/util.js", "text/javascript+module", "export const x = 1"),
                module("./t.txt", "text/plain; charset=utf-8", "text"),
                module("d.bin", "application/octet-stream", "\u0001"),
                module("m.wasm", "application/wasm", "\u0000asm"),
                module("c.json", null, "{}"),
                module("index.js.map", "application/source-map", "{}")));
        List<String> types = scripts.deploy(key, upload, false).view().version().modules().stream()
                .map(ModuleRef::contentType).toList();
        assertEquals(List.of("application/javascript+module", "application/javascript+module", "text/plain",
                "application/octet-stream", "application/wasm", "application/json", "application/source-map"), types);
        assertEquals(List.of("index.js", "lib/util.js", "./t.txt", "d.bin", "m.wasm", "c.json", "index.js.map"),
                List.copyOf(fx.control.moduleBytes(fx.control.currentVersion(key)).keySet()));
    }

    @Test
    void aMainModuleThatWasNotUploadedIsRefused() {
        PlatformException e = refused(10021, () -> scripts.deploy(key, esm("{'main_module':'x.js'}", "export default {}"), false));
        assertEquals("main_module 'x.js' is not among the uploaded modules", e.getMessage());
        refused(10021, () -> scripts.deploy(key, esm("{}", "export default {}"), false));
        refused(10021, () -> scripts.deploy(key, new ScriptUpload(json("{'main_module':'index.js'}"),
                List.of(module("index.js", "text/plain", "hello"))), false));
        refused(10021, () -> scripts.deploy(key, new ScriptUpload(json("{'main_module':'index.js'}"), List.of(
                module("index.js", "application/javascript+module", "a"),
                module("index.js", "application/javascript+module", "b"))), false));
    }

    @Test
    void aScriptThatFailsItsStartupCheckStoresNothing() throws Exception {
        String source = "export default SYNTAX ERROR";
        PlatformException e = refused(10021, () -> scripts.deploy(key, esm("{'main_module':'index.js'}", source), false));
        assertTrue(e.getMessage().startsWith("Uncaught SyntaxError"));
        assertTrue(fx.store.blob(sha256(source)).isEmpty());
        assertTrue(fx.runtime.scriptsChanged.isEmpty());
    }

    @Test
    void aFailedRedeployKeepsTheServingVersion() {
        String serving = scripts.deploy(key, hello(""), false).view().version().id();
        refused(10021, () -> scripts.deploy(key, esm("{'main_module':'index.js'}", "SYNTAX ERROR"), false));
        assertEquals(serving, fx.control.currentVersion(key).id());
    }

    @Test
    void invalidNamesAreRefusedWith10016() {
        for (String name : List.of("Upper", "a/b", "..", "a.b")) {
            refused(10016, () -> scripts.deploy(fx.key(ns, name), hello(""), false));
        }
    }

    @Test
    void codeOverTheSizeLimitIsRefusedWith10027() {
        fx.close();
        fx = new ControlFixture(dir, new ControlLimits(100));
        NamespaceRecord small = fx.namespace("small");
        PlatformException e = refused(10027, () -> fx.control.scripts().deploy(fx.key(small, "big"),
                esm("{'main_module':'index.js'}", "export default {}; //" + "x".repeat(100)), false));
        assertTrue(e.getMessage().startsWith("Script size exceeds limit"));
        fx.control.scripts().deploy(fx.key(small, "fits"), esm("{'main_module':'index.js'}", "export default {}"), false);
    }

    @Test
    void invalidSettingsAreRefusedWith10021() {
        refused(10021, () -> scripts.deploy(key, hello("'limits':{'cpu_ms':0}"), false));
        refused(10021, () -> scripts.deploy(key, hello("'limits':{'cpu_ms':'fast'}"), false));
        refused(10021, () -> scripts.deploy(key, hello("'limits':{'memory':5}"), false));
        refused(10021, () -> scripts.deploy(key, hello("'compatibility_date':'yesterday'"), false));
        refused(10021, () -> scripts.deploy(key, hello("'compatibility_flags':'nodejs_compat'"), false));
        refused(10021, () -> scripts.deploy(key, hello("'logpush':'yes'"), false));
        refused(10021, () -> scripts.deploy(key, hello("'tags':['a,b']"), false));
        refused(10021, () -> scripts.deploy(key, hello("'assets':{'jwt':'x'}"), false));
        refused(10021, () -> scripts.deploy(key, hello("'bindings':[{'name':'KV','type':'kv_namespace','namespace_id':'x'}]"), false));
        refused(10052, () -> scripts.deploy(key, hello("'bindings':[{'type':'plain_text','text':'x'}]"), false));
        refused(10054, () -> scripts.deploy(key, hello("'bindings':[{'name':'A','type':'secret_text','text':'"
                + "x".repeat(5121) + "'}]"), false));
    }

    @Test
    void secretsAreSealedOutsideTheVersionAndPassedInClearToTheCheck() throws Exception {
        scripts.deploy(key, hello("'bindings':[{'name':'API_KEY','type':'secret_text','text':'s3cr3t'}]"), false);
        VersionRecord version = fx.control.currentVersion(key);
        assertFalse(version.metadataJson().contains("s3cr3t"));
        assertFalse(version.metadataJson().contains("API_KEY"));
        String tag = fx.store.script(key).orElseThrow().tag();
        byte[] sealed = fx.store.secrets(tag).get("API_KEY").sealed();
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("s3cr3t"));
        assertEquals(Map.of("API_KEY", "s3cr3t"), fx.runtime.checks.get(0).secrets());
        assertEquals(Map.of("API_KEY", "s3cr3t"), fx.control.secretValues(key));
    }

    @Test
    void secretsSurviveDeploysThatDoNotMentionThem() {
        scripts.deploy(key, hello("'bindings':[{'name':'API_KEY','type':'secret_text','text':'s3cr3t'}]"), false);
        scripts.deploy(key, hello("'bindings':[{'name':'GREETING','type':'plain_text','text':'hi'}]"), false);
        assertEquals(Map.of("API_KEY", "s3cr3t"), fx.control.secretValues(key));
        assertEquals(Map.of("API_KEY", "s3cr3t"), fx.runtime.checks.get(1).secrets());
        scripts.deploy(key, hello("'bindings':[{'name':'API_KEY','type':'secret_text','text':'rotated'}]"), false);
        assertEquals(Map.of("API_KEY", "rotated"), fx.control.secretValues(key));
    }

    @Test
    void aPlainBindingThatTakesASecretsNameReplacesTheSecret() {
        scripts.deploy(key, hello("'bindings':[{'name':'MODE','type':'secret_text','text':'hidden'}]"), false);
        scripts.deploy(key, hello("'bindings':[{'name':'MODE','type':'plain_text','text':'open'}]"), false);
        assertEquals(Map.of(), fx.control.secretValues(key));
        assertEquals("open", VersionMetadata.parse(fx.control.currentVersion(key).metadataJson())
                .bindings().get(0).get("text").asText());
    }

    @Test
    void keepBindingsCarriesOverBindingsOfTheListedTypes() {
        scripts.deploy(key, hello("""
                'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'C','type':'json','json':[1]},
                            {'name':'S','type':'service','service':'auth'}]"""), false);
        scripts.deploy(key, hello("'bindings':[],'keep_bindings':['plain_text','json']"), false);
        List<String> names = VersionMetadata.parse(fx.control.currentVersion(key).metadataJson()).bindings().stream()
                .map(b -> b.get("name").asText()).toList();
        assertEquals(List.of("A", "C"), names);
    }

    @Test
    void inheritBindingsResolveAgainstThePreviousVersion() {
        scripts.deploy(key, hello("""
                'bindings':[{'name':'A','type':'plain_text','text':'a'},{'name':'T','type':'secret_text','text':'t'}]"""), false);
        String first = fx.control.currentVersion(key).id();
        scripts.deploy(key, hello("'bindings':[{'name':'A','type':'plain_text','text':'changed'}]"), false);
        scripts.deploy(key, hello("""
                'bindings':[{'name':'A','type':'inherit'},{'name':'OLD_A','type':'inherit','old_name':'A','version_id':'%s'},
                            {'name':'T2','type':'inherit','old_name':'T'}]""".formatted(first)), true);
        List<String> texts = VersionMetadata.parse(fx.control.currentVersion(key).metadataJson()).bindings().stream()
                .map(b -> b.get("name").asText() + "=" + b.get("text").asText()).toList();
        assertEquals(List.of("A=changed", "OLD_A=a"), texts);
        assertEquals(Map.of("T", "t", "T2", "t"), fx.control.secretValues(key));
    }

    @Test
    void anUnresolvableInheritFailsStrictDeploysAndIsDroppedOtherwise() {
        scripts.deploy(key, hello(""), false);
        String bindings = "'bindings':[{'name':'GONE','type':'inherit'}]";
        PlatformException e = refused(10057, () -> scripts.deploy(key, hello(bindings), true));
        assertEquals("inherit binding 'GONE' is invalid", e.getMessage());
        scripts.deploy(key, hello(bindings), false);
        assertEquals(List.of(), VersionMetadata.parse(fx.control.currentVersion(key).metadataJson()).bindings());
    }

    @Test
    void anInheritOfAnotherScriptsVersionDoesNotResolve() {
        ScriptKey other = fx.key(ns, "other");
        String otherVersion = scripts.deploy(other, hello("'bindings':[{'name':'A','type':'plain_text','text':'x'}]"), false)
                .view().version().id();
        scripts.deploy(key, hello(""), false);
        refused(10057, () -> scripts.deploy(key, hello(
                "'bindings':[{'name':'A','type':'inherit','version_id':'" + otherVersion + "'}]"), true));
    }

    @Test
    void tooManyVariablesAndSecretsTogetherAreRefused() {
        StringBuilder bindings = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            bindings.append(i == 0 ? "" : ",").append("{'name':'V").append(i).append("','type':'plain_text','text':'x'}");
        }
        StringBuilder secrets = new StringBuilder();
        for (int i = 0; i < 29; i++) {
            secrets.append(i == 0 ? "" : ",").append("{'name':'S").append(i).append("','type':'secret_text','text':'x'}");
        }
        scripts.deploy(key, hello("'bindings':[" + secrets + "]"), false);
        refused(10055, () -> scripts.deploy(key, hello("'bindings':[" + bindings + "]"), false));
    }

    @Test
    void tagsComeFromMetadataAndStayWhenAnUploadHasNone() {
        scripts.deploy(key, hello("'tags':['customer-a','plan-free','customer-a']"), false);
        assertEquals(List.of("customer-a", "plan-free"), fx.store.script(key).orElseThrow().tags());
        scripts.deploy(key, hello(""), false);
        assertEquals(List.of("customer-a", "plan-free"), fx.store.script(key).orElseThrow().tags());
    }

    @Test
    void putContentReplacesTheCodeAndKeepsBindingsAndSettings() {
        scripts.deploy(key, hello("""
                'compatibility_date':'2025-01-01','bindings':[{'name':'A','type':'plain_text','text':'a'}],
                'limits':{'cpu_ms':10}"""), false);
        Deployment updated = scripts.putContent(key, new ScriptUpload(json("{'main_module':'main.mjs'}"),
                List.of(module("main.mjs", null, "export default { fetch() { return new Response('v2'); } }"))));
        VersionMetadata metadata = updated.view().metadata();
        assertEquals("main.mjs", metadata.entry());
        assertEquals("2025-01-01", metadata.compatibilityDate());
        assertEquals(json("{'cpu_ms':10}"), metadata.limits());
        assertEquals("a", metadata.bindings().get(0).get("text").asText());
        assertArrayEquals("export default { fetch() { return new Response('v2'); } }".getBytes(StandardCharsets.UTF_8),
                fx.control.moduleBytes(fx.control.currentVersion(key)).get("main.mjs"));
        PlatformException missing = assertThrows(PlatformException.class,
                () -> scripts.putContent(fx.key(ns, "nobody"), hello("")));
        assertEquals(404, missing.status());
        assertEquals(10007, missing.code());
    }

    @Test
    void readingAMissingScriptIs404With10007() {
        for (Supplier<?> read : List.<Supplier<?>>of(() -> scripts.script(key), () -> scripts.settings(key),
                () -> scripts.bindings(key), () -> scripts.content(key), () -> fx.control.currentVersion(key))) {
            PlatformException e = assertThrows(PlatformException.class, read::get);
            assertEquals(404, e.status());
            assertEquals(10007, e.code());
            assertEquals("workers.api.error.script_not_found", e.getMessage());
        }
    }
}
