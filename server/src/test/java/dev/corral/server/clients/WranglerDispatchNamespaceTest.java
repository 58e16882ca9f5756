package dev.corral.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.CorralNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code wrangler dispatch-namespace ...} against a real node: what wrangler prints, and what the API then holds. */
class WranglerDispatchNamespaceTest {
    private static CorralNode node;
    private static CorralApi api;
    private static Cli cli;
    private static Path workDir;

    @BeforeAll
    static void startNode() throws Exception {
        Clients.requireInstalled();
        node = CorralNode.start();
        api = new CorralApi(node);
        workDir = Files.createTempDirectory("corral-wrangler-ns-");
        cli = Cli.against(node, workDir);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) node.close();
    }

    @Test
    void wranglerCreatesANamespaceThatTheApiHoldsUnderTheIdWranglerPrinted() throws Exception {
        Cli.Result created = cli.wrangler(workDir, "dispatch-namespace", "create", "created-by-wrangler").succeeded();

        Matcher printed = Pattern.compile("Created dispatch namespace \"created-by-wrangler\" with ID \"([0-9a-f-]{32,36})\"")
                .matcher(created.output());
        assertTrue(printed.find(), "wrangler's confirmation: " + created);
        JsonNode stored = api.get(api.namespace("created-by-wrangler")).ok();
        assertEquals(printed.group(1), stored.path("namespace_id").asText());
        assertEquals("created-by-wrangler", stored.path("namespace_name").asText());
        assertEquals(0, stored.path("script_count").asInt(-1));
    }

    @Test
    void wranglerListsEveryNamespaceWithTheIdsTheApiGaveThem() throws Exception {
        String first = createThroughApi("listed-one");
        String second = createThroughApi("listed-two");

        String listed = cli.wrangler(workDir, "dispatch-namespace", "list").succeeded().output();

        assertTrue(listed.contains("namespace_name: 'listed-one'") && listed.contains("namespace_id: '" + first + "'"), listed);
        assertTrue(listed.contains("namespace_name: 'listed-two'") && listed.contains("namespace_id: '" + second + "'"), listed);
    }

    @Test
    void wranglerGetsOneNamespaceAsTheApiStoresIt() throws Exception {
        String id = createThroughApi("fetched-one");

        String shown = cli.wrangler(workDir, "dispatch-namespace", "get", "fetched-one").succeeded().output();

        assertTrue(shown.contains("namespace_id: '" + id + "'"), shown);
        assertTrue(shown.contains("namespace_name: 'fetched-one'"), shown);
        assertTrue(shown.contains("script_count: 0"), shown);
    }

    @Test
    void wranglerRenamesANamespaceWhichKeepsItsIdAndIsGoneUnderTheOldName() throws Exception {
        String id = createThroughApi("before-rename");

        Cli.Result renamed = cli.wrangler(workDir, "dispatch-namespace", "rename", "before-rename", "after-rename").succeeded();

        assertTrue(renamed.output().contains("Renamed dispatch namespace \"before-rename\" to \"after-rename\""), renamed.toString());
        JsonNode stored = api.get(api.namespace("after-rename")).ok();
        assertEquals(id, stored.path("namespace_id").asText());
        assertEquals("after-rename", stored.path("namespace_name").asText());
        assertEquals(404, api.get(api.namespace("before-rename")).status());
    }

    @Test
    void wranglerDeletesANamespaceWhichTheApiNoLongerListsOrFinds() throws Exception {
        createThroughApi("to-delete");

        Cli.Result deleted = cli.wrangler(workDir, "dispatch-namespace", "delete", "to-delete").succeeded();

        assertTrue(deleted.output().contains("Deleted dispatch namespace \"to-delete\""), deleted.toString());
        CorralApi.Reply gone = api.get(api.namespace("to-delete"));
        assertEquals(404, gone.status(), gone.toString());
        assertFalse(gone.envelope().path("success").asBoolean(true), gone.toString());
        assertFalse(namespaceNames().contains("to-delete"));
    }

    @Test
    void wranglerFailsWithTheApisErrorCodeForANamespaceThatDoesNotExist() throws Exception {
        Cli.Result missing = cli.wrangler(workDir, "dispatch-namespace", "get", "never-created").failed();

        CorralApi.Reply direct = api.get(api.namespace("never-created"));
        assertNotEquals(0, direct.firstErrorCode(), direct.toString());
        assertTrue(missing.output().contains("[code: " + direct.firstErrorCode() + "]"), missing.toString());
    }

    @Test
    void wranglerFailsWhenCreatingANamespaceWhoseNameIsTaken() throws Exception {
        String id = createThroughApi("taken-name");

        Cli.Result again = cli.wrangler(workDir, "dispatch-namespace", "create", "taken-name").failed();

        assertTrue(again.output().contains("[code: "), again.toString());
        assertEquals(id, api.get(api.namespace("taken-name")).ok().path("namespace_id").asText());
        assertEquals(1, namespaceNames().stream().filter("taken-name"::equals).count());
    }

    private static String createThroughApi(String name) throws Exception {
        return api.post(api.namespaces(), Map.of("name", name)).ok().path("namespace_id").asText();
    }

    private static List<String> namespaceNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode namespace : api.get(api.namespaces()).ok()) names.add(namespace.path("namespace_name").asText());
        return names;
    }
}
