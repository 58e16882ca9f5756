package dev.corral.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.CorralNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every namespace and namespaced-script endpoint through the official {@code cloudflare} SDK (6.5.0, and 7.3.0 for its
 * malformed upload), run by node scripts whose step results are checked here together with the API's stored state.
 */
class CloudflareSdkTest {
    private static CorralNode node;
    private static CorralApi api;
    private static Cli cli;

    @BeforeAll
    static void startNode() throws Exception {
        Clients.requireInstalled();
        node = CorralNode.start();
        api = new CorralApi(node);
        cli = Cli.against(node, Files.createTempDirectory("corral-sdk-"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) node.close();
    }

    @Test
    void theSdkCreatesListsGetsAndDeletesNamespacesAndADuplicateNameIsABadRequest() throws Exception {
        SdkSteps sdk = v6("namespaces", "sdk-kept", "sdk-gone");

        String id = sdk.value("create").path("namespace_id").asText();
        assertEquals("sdk-kept", sdk.value("create").path("namespace_name").asText());
        assertFalse(id.isEmpty());
        assertTrue(SdkSteps.texts(sdk.value("list"), "namespace_name").containsAll(List.of("sdk-kept", "sdk-gone")));
        assertEquals(id, sdk.value("get").path("namespace_id").asText());
        assertTrue(sdk.value("delete").isNull(), "DELETE answers an envelope with a null result");
        assertNotFound(sdk.error("getDeleted"));
        assertEquals(400, sdk.error("createDuplicate").path("status").asInt(), sdk.error("createDuplicate").toString());
        assertEquals("BadRequestError", sdk.error("createDuplicate").path("class").asText());

        assertEquals(id, api.get(api.namespace("sdk-kept")).ok().path("namespace_id").asText());
        assertEquals(404, api.get(api.namespace("sdk-gone")).status());
    }

    @Test
    void theSdkUploadsAModuleWorkerAsFilesPartsAndReadsItsScriptBindingsAndContentBack() throws Exception {
        String ns = namespace("sdk-scripts");

        SdkSteps sdk = v6("scripts", ns, "hello");

        JsonNode uploaded = sdk.value("update");
        assertEquals("hello", uploaded.path("id").asText(), uploaded.toString());
        assertTrue(uploaded.path("startup_time_ms").isNumber(), uploaded.toString());
        assertFalse(uploaded.path("etag").asText().isEmpty(), uploaded.toString());
        JsonNode script = sdk.value("get");
        assertEquals("hello", script.path("script").path("id").asText(), script.toString());
        assertEquals(Set.of("sdk", "plan-free"), Set.copyOf(SdkSteps.texts(script.path("script").path("tags"), null)), script.toString());
        assertUploadedBindings(sdk.value("bindings"));
        JsonNode content = sdk.value("content");
        assertEquals(200, content.path("status").asInt());
        assertTrue(content.path("text").asText().contains("shout(env.GREETING)"), content.toString());
        assertFalse(sdk.printed().contains("s3cr3t"), "no answer reveals a secret: " + sdk.printed());

        assertUploadedBindings(api.get(api.script(ns, "hello") + "/bindings").ok());
        assertTrue(api.get(api.script(ns, "hello")).ok().path("script").path("id").asText().equals("hello"));
    }

    @Test
    void theSdkListsANamespacesScriptsByTagPageByPageWithACursor() throws Exception {
        String ns = namespace("sdk-listing");

        SdkSteps sdk = v6("listing", ns);

        JsonNode pages = sdk.value("pagesOfFree");
        assertTrue(pages.size() >= 2, "one script per page takes at least two pages: " + pages);
        Set<String> free = new TreeSet<>();
        for (JsonNode page : pages) {
            assertTrue(page.path("result").size() <= 1, "limit=1 is honoured: " + page);
            free.addAll(scriptIds(page.path("result")));
        }
        assertEquals(Set.of("list-a", "list-b"), free, pages.toString());
        assertEquals(Set.of("list-c"), Set.copyOf(scriptIds(sdk.value("notFree").path("result"))));
        assertEquals(Set.of("list-a", "list-b", "list-c"), Set.copyOf(scriptIds(sdk.value("everything").path("result"))));
        assertEquals(3, api.get(api.namespace(ns)).ok().path("script_count").asInt());
    }

    @Test
    void theSdkDeletesAScriptWhichIsThenNotFoundWithCode10007() throws Exception {
        String ns = namespace("sdk-delete");

        SdkSteps sdk = v6("delete", ns, "short-lived");

        sdk.value("update");
        assertTrue(sdk.value("delete").isNull(), sdk.value("delete").toString());
        assertNotFound(sdk.error("getDeleted"));
        CorralApi.Reply gone = api.get(api.script(ns, "short-lived"));
        assertEquals(404, gone.status(), gone.toString());
        assertEquals(10007, gone.firstErrorCode(), "wrangler recognises a missing script only by 10007: " + gone);
    }

    @Test
    void theSdkReplacesAScriptsCodeWhichKeepsItsBindings() throws Exception {
        String ns = namespace("sdk-content");

        SdkSteps sdk = v6("content", ns, "recoded");

        sdk.value("update");
        sdk.value("contentUpdate");
        assertTrue(sdk.value("content").asText().contains("replaced code"), sdk.value("content").toString());
        assertUploadedBindings(sdk.value("bindingsAfter"));

        CorralApi.Reply stored = api.get(api.script(ns, "recoded") + "/content");
        assertEquals(200, stored.status());
        assertTrue(stored.raw().contains("replaced code"), stored.raw());
    }

    @Test
    void theSdkReadsAndEditsScriptSettingsWithoutLosingBindings() throws Exception {
        String ns = namespace("sdk-settings");

        SdkSteps sdk = v6("settings", ns, "tuned");

        sdk.value("update");
        assertEquals("2025-01-01", sdk.value("get").path("compatibility_date").asText(), sdk.value("get").toString());
        assertEquals(List.of("before"), SdkSteps.texts(sdk.value("get").path("tags"), null));
        assertEquals("2025-02-01", sdk.value("edit").path("compatibility_date").asText(), sdk.value("edit").toString());
        JsonNode after = sdk.value("getAfter");
        assertEquals("2025-02-01", after.path("compatibility_date").asText(), after.toString());
        assertEquals(List.of("nodejs_compat"), SdkSteps.texts(after.path("compatibility_flags"), null));
        assertTrue(after.path("logpush").asBoolean(false), after.toString());
        assertEquals(List.of("edited"), SdkSteps.texts(after.path("tags"), null));
        assertUploadedBindings(sdk.value("bindingsAfter"));

        JsonNode stored = api.get(api.script(ns, "tuned") + "/settings").ok();
        assertEquals("2025-02-01", stored.path("compatibility_date").asText(), stored.toString());
        assertEquals(List.of("edited"), SdkSteps.texts(stored.path("tags"), null));
    }

    @Test
    void theSdkPutsListsBulkUpdatesAndDeletesSecretsWithoutEverRevealingAValue() throws Exception {
        String ns = namespace("sdk-secrets");

        SdkSteps sdk = v6("secrets", ns, "keeper");

        sdk.value("update");
        assertEquals("TOKEN", sdk.value("put").path("name").asText(), sdk.value("put").toString());
        assertEquals("secret_text", sdk.value("put").path("type").asText());
        assertEquals(Set.of("API_KEY", "TOKEN"), Set.copyOf(SdkSteps.texts(sdk.value("list"), "name")));
        assertEquals("TOKEN", sdk.value("get").path("name").asText());
        assertFalse(sdk.value("get").has("text"), sdk.value("get").toString());
        assertTrue(sdk.value("bulk").has("BULK1") && sdk.value("bulk").has("BULK2"), sdk.value("bulk").toString());
        assertEquals(Set.of("API_KEY", "BULK1", "BULK2"), Set.copyOf(SdkSteps.texts(sdk.value("listAfterBulk"), "name")));
        assertTrue(sdk.value("delete").isNull(), sdk.value("delete").toString());
        assertEquals(Set.of("API_KEY", "BULK2"), Set.copyOf(SdkSteps.texts(sdk.value("listAfterDelete"), "name")));
        assertNotFound(sdk.error("getDeleted"));
        for (String value : List.of("s3cr3t", "xyz", "\"one\"", "\"two\"")) {
            assertFalse(sdk.printed().contains(value), "no answer reveals " + value + ": " + sdk.printed());
        }

        JsonNode stored = api.get(api.script(ns, "keeper") + "/secrets").ok();
        assertEquals(Set.of("API_KEY", "BULK2"), Set.copyOf(SdkSteps.texts(stored, "name")), stored.toString());
    }

    @Test
    void theSdkReplacesListsAndDeletesScriptTags() throws Exception {
        String ns = namespace("sdk-tags");

        SdkSteps sdk = v6("tags", ns, "tagged");

        sdk.value("update");
        assertEquals(List.of("tag-a", "tag-b"), SdkSteps.texts(sdk.value("put"), null));
        assertEquals(List.of("tag-a", "tag-b"), SdkSteps.texts(sdk.value("list"), null));
        assertTrue(sdk.value("delete").isNull(), sdk.value("delete").toString());
        assertEquals(List.of("tag-b"), SdkSteps.texts(sdk.value("listAfterDelete"), null));

        assertEquals(List.of("tag-b"), SdkSteps.texts(api.get(api.script(ns, "tagged") + "/tags").ok(), null));
    }

    @Test
    void theSdkGetsNotFoundErrorsForWhatIsMissingAndABadRequestForAnInvalidScriptName() throws Exception {
        String ns = namespace("sdk-errors");

        SdkSteps sdk = v6("errors", ns);

        assertNotFound(sdk.error("missingScript"));
        assertEquals(400, sdk.error("badName").path("status").asInt(), sdk.error("badName").toString());
        assertEquals("BadRequestError", sdk.error("badName").path("class").asText());
        assertTrue(sdk.error("badName").path("errors").path(0).path("code").asInt() > 0, sdk.error("badName").toString());
        assertNotFound(sdk.error("missingNamespace"));
        assertNotFound(sdk.error("uploadIntoMissingNamespace"));

        assertEquals(0, api.get(api.namespace(ns)).ok().path("script_count").asInt(-1), "nothing was stored");
        assertEquals(404, api.get(api.namespace("never-created")).status());
    }

    @Test
    void theMalformedUploadOfSdk7IsAcceptedLenientlyWithItsBracketFlattenedMetadata() throws Exception {
        String ns = namespace("sdk-seven");

        SdkSteps sdk = SdkSteps.of(cli.node(script("sdk-v7.mjs"), ns, "seventh"));

        sdk.value("update");
        JsonNode bindings = sdk.value("bindings");
        assertEquals(Map.of("GREETING", "plain_text", "API_KEY", "secret_text"), bindingTypes(bindings), bindings.toString());
        assertEquals(Set.of("sdk-seven"), Set.copyOf(SdkSteps.texts(sdk.value("get").path("script").path("tags"), null)));

        JsonNode settings = api.get(api.script(ns, "seventh") + "/settings").ok();
        assertEquals("2025-01-01", settings.path("compatibility_date").asText(), settings.toString());
        assertEquals(List.of("nodejs_compat"), SdkSteps.texts(settings.path("compatibility_flags"), null));
        assertTrue(api.get(api.script(ns, "seventh") + "/content").raw().contains("from sdk 7"));
    }

    private static SdkSteps v6(String scenario, String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(scenario));
        arguments.addAll(List.of(args));
        return SdkSteps.of(cli.node(script("sdk-v6.mjs"), arguments.toArray(String[]::new)));
    }

    private static Path script(String name) throws Exception {
        return Path.of(CloudflareSdkTest.class.getResource("/clients/" + name).toURI());
    }

    /** A fresh namespace made through the API, so each test's scripts stand apart. */
    private static String namespace(String name) throws Exception {
        api.post(api.namespaces(), Map.of("name", name)).ok();
        return name;
    }

    /** The three bindings every SDK upload sends: secret values are never returned. */
    private static void assertUploadedBindings(JsonNode bindings) {
        assertEquals(Map.of("GREETING", "plain_text", "CONFIG", "json", "API_KEY", "secret_text"), bindingTypes(bindings), bindings.toString());
        for (JsonNode binding : bindings) {
            switch (binding.path("name").asText()) {
                case "GREETING" -> assertEquals("hello", binding.path("text").asText(), bindings.toString());
                case "CONFIG" -> assertEquals("{\"plan\":\"free\",\"limits\":[1,2]}", binding.path("json").toString());
                default -> assertFalse(binding.has("text"), "a secret's value is never read back: " + bindings);
            }
        }
    }

    private static Map<String, String> bindingTypes(JsonNode bindings) {
        Map<String, String> types = new java.util.TreeMap<>();
        for (JsonNode binding : bindings) types.put(binding.path("name").asText(), binding.path("type").asText());
        return types;
    }

    private static List<String> scriptIds(JsonNode scripts) {
        return SdkSteps.texts(scripts, "id");
    }

    private static void assertNotFound(JsonNode error) {
        assertEquals(404, error.path("status").asInt(), error.toString());
        assertEquals("NotFoundError", error.path("class").asText(), error.toString());
    }
}
