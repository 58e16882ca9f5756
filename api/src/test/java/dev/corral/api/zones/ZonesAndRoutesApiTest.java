package dev.corral.api.zones;

import static dev.corral.api.zones.RoutesTestApi.ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.OTHER_ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.OTHER_TOKEN;
import static dev.corral.api.zones.RoutesTestApi.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.api.zones.RoutesTestApi.Reply;
import dev.corral.platform.routing.LiveRouteTable;
import dev.corral.storage.ScriptKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zones and Workers routes through the management API over a real SQLite store. */
class ZonesAndRoutesApiTest {
    @TempDir
    Path dataDir;
    private RoutesTestApi t;

    @BeforeEach
    void start() {
        t = RoutesTestApi.forZones(dataDir);
        t.deployPlain(ACCOUNT, "dispatcher");
        t.deployPlain(ACCOUNT, "api-worker");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private String createZone(String token, String name) {
        Reply reply = t.call(token, "POST", "/zones", "{\"name\":\"" + name + "\",\"type\":\"full\"}");
        assertEquals(200, reply.status(), reply.toString());
        return reply.result().get("id").asText();
    }

    private Reply createRoute(String zoneId, String pattern, String script) {
        String scriptField = script == null ? "" : ",\"script\":\"" + script + "\"";
        return t.call(TOKEN, "POST", "/zones/" + zoneId + "/workers/routes", "{\"pattern\":\"" + pattern + "\"" + scriptField + "}");
    }

    @Test
    void aCreatedZoneHasCloudflaresShape() {
        Reply reply = t.call(TOKEN, "POST", "/zones", "{\"name\":\"Example.COM\",\"account\":{\"id\":\"" + ACCOUNT + "\"}}");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("application/json", reply.response().headers().get("Content-Type"));
        JsonNode zone = reply.result();
        assertTrue(zone.get("id").asText().matches("[0-9a-f]{32}"), zone.toString());
        assertEquals("example.com", zone.get("name").asText());
        assertEquals("active", zone.get("status").asText());
        assertFalse(zone.get("paused").asBoolean());
        assertEquals("full", zone.get("type").asText());
        assertEquals(ACCOUNT, zone.path("account").path("id").asText());
        assertTrue(zone.get("name_servers").isArray());
        assertEquals(zone.get("created_on"), zone.get("modified_on"));
        assertEquals(zone, t.get("/zones/" + zone.get("id").asText()).result());
    }

    @Test
    void zoneNamesMustBeDomainsAndUniquePerAccount() {
        for (String bad : List.of("localhost", "exa mple.com", "-x.com", "example..com", "*.example.com", "")) {
            Reply reply = t.call(TOKEN, "POST", "/zones", "{\"name\":\"" + bad + "\"}");
            assertEquals(400, reply.status(), bad + " -> " + reply);
            assertEquals(1001, reply.errorCode());
        }
        createZone(TOKEN, "example.com");
        Reply again = t.call(TOKEN, "POST", "/zones", "{\"name\":\"EXAMPLE.com\"}");
        assertEquals(400, again.status());
        assertEquals(1061, again.errorCode());
        assertEquals("example.com already exists", again.errorMessage());
        createZone(OTHER_TOKEN, "example.com");
        Reply partial = t.call(TOKEN, "POST", "/zones", "{\"name\":\"other.com\",\"type\":\"partial\"}");
        assertEquals(400, partial.status());
    }

    @Test
    void aZoneCannotBeCreatedForAnotherAccount() {
        Reply reply = t.call(TOKEN, "POST", "/zones", "{\"name\":\"example.com\",\"account\":{\"id\":\"" + OTHER_ACCOUNT + "\"}}");
        assertEquals(403, reply.status());
        assertEquals(9109, reply.errorCode());
        assertEquals(0, t.get("/zones").result().size());
    }

    @Test
    void zonesAreListedByNameWithPaging() {
        for (String name : List.of("d.com", "a.com", "c.com", "b.com", "e.com", "f.com")) {
            createZone(TOKEN, name);
        }
        createZone(OTHER_TOKEN, "theirs.com");
        Reply all = t.get("/zones");
        assertEquals(List.of("a.com", "b.com", "c.com", "d.com", "e.com", "f.com"), names(all.result()));
        assertEquals(6, all.json().path("result_info").path("total_count").asInt());
        assertEquals(20, all.json().path("result_info").path("per_page").asInt());

        Reply second = t.get("/zones?page=2&per_page=5");
        assertEquals(List.of("f.com"), names(second.result()));
        JsonNode info = second.json().get("result_info");
        assertEquals(2, info.get("page").asInt());
        assertEquals(1, info.get("count").asInt());
        assertEquals(2, info.get("total_pages").asInt());

        assertEquals(List.of("c.com"), names(t.get("/zones?name=C.com&account.id=" + ACCOUNT).result()));
        assertEquals(List.of(), names(t.get("/zones?name=theirs.com").result()));
        assertEquals(List.of(), names(t.get("/zones?account.id=" + OTHER_ACCOUNT).result()));
        assertEquals(400, t.get("/zones?per_page=500").status());
    }

    @Test
    void anotherAccountsZoneIsNotFoundWhateverTheOperation() {
        String theirs = createZone(OTHER_TOKEN, "theirs.com");
        String unknown = "0123456789abcdef0123456789abcdef";
        for (String id : List.of(theirs, unknown)) {
            for (Reply reply : List.of(
                    t.get("/zones/" + id),
                    t.call(TOKEN, "DELETE", "/zones/" + id, null),
                    t.get("/zones/" + id + "/workers/routes"),
                    createRoute(id, "*/*", "dispatcher"))) {
                assertEquals(404, reply.status(), reply.toString());
                assertEquals(7003, reply.errorCode());
                assertEquals("Could not route to /zones/" + id + ", perhaps your object identifier is invalid?",
                        reply.errorMessage());
            }
        }
        assertEquals(200, t.call(OTHER_TOKEN, "GET", "/zones/" + theirs, null).status());
    }

    @Test
    void routesAreCreatedReadUpdatedAndDeleted() {
        String zone = createZone(TOKEN, "example.com");
        Reply created = createRoute(zone, "example.com/api/*", "api-worker");
        assertEquals(200, created.status(), created.toString());
        String id = created.result().get("id").asText();
        assertTrue(id.matches("[0-9a-f]{32}"));
        assertEquals("example.com/api/*", created.result().get("pattern").asText());
        assertEquals("api-worker", created.result().get("script").asText());
        assertEquals(List.of(ACCOUNT), t.runtime.routesChanged);

        assertEquals(created.result(), t.get("/zones/" + zone + "/workers/routes/" + id).result());
        JsonNode list = t.get("/zones/" + zone + "/workers/routes").result();
        assertEquals(1, list.size());
        assertEquals(created.result(), list.get(0));

        Reply updated = t.call(TOKEN, "PUT", "/zones/" + zone + "/workers/routes/" + id,
                "{\"pattern\":\"https://example.com/v2/*\",\"script\":\"dispatcher\"}");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(id, updated.result().get("id").asText());
        assertEquals("https://example.com/v2/*", updated.result().get("pattern").asText());
        assertEquals("dispatcher", t.get("/zones/" + zone + "/workers/routes/" + id).result().get("script").asText());

        Reply deleted = t.call(TOKEN, "DELETE", "/zones/" + zone + "/workers/routes/" + id, null);
        assertEquals(200, deleted.status());
        assertEquals(id, deleted.result().get("id").asText());
        assertEquals(0, t.get("/zones/" + zone + "/workers/routes").result().size());
        assertEquals(3, t.runtime.routesChanged.size());

        Reply gone = t.get("/zones/" + zone + "/workers/routes/" + id);
        assertEquals(404, gone.status());
        assertEquals(10009, gone.errorCode());
    }

    @Test
    void aRoutePatternMustBeValidAndLieInItsZone() {
        String zone = createZone(TOKEN, "example.com");
        for (String bad : List.of("example.com/*.jpg", "example.com/?foo=*", "www.*.example.com/*", "example.org/*",
                "*ample.com/*", "myexample.com/*")) {
            Reply reply = createRoute(zone, bad, "dispatcher");
            assertEquals(400, reply.status(), bad + " -> " + reply);
            assertEquals(10022, reply.errorCode(), reply.toString());
        }
        for (String good : List.of("example.com", "*example.com/*", "*.example.com/*", "https://shop.example.com/cart*",
                "*/*")) {
            assertEquals(200, createRoute(zone, good, "dispatcher").status(), good);
        }
        assertEquals(5, t.get("/zones/" + zone + "/workers/routes").result().size(), "only the valid ones were stored");
    }

    @Test
    void aRouteNeedsAnExistingPlainScriptUnlessItNamesNone() {
        String zone = createZone(TOKEN, "example.com");
        Reply missing = createRoute(zone, "example.com/*", "no-such-worker");
        assertEquals(400, missing.status());
        assertEquals(10019, missing.errorCode());
        t.deployPlain(OTHER_ACCOUNT, "theirs");
        assertEquals(10019, createRoute(zone, "example.com/*", "theirs").errorCode(), "another account's script");

        Reply exempt = createRoute(zone, "example.com/static/*", null);
        assertEquals(200, exempt.status(), exempt.toString());
        assertEquals("", exempt.result().get("script").asText());
    }

    @Test
    void aZoneHoldsOnePatternOnceWhateverTheHostCase() {
        String zone = createZone(TOKEN, "example.com");
        assertEquals(200, createRoute(zone, "example.com/*", "dispatcher").status());
        Reply same = createRoute(zone, "EXAMPLE.com/*", "api-worker");
        assertEquals(400, same.status());
        assertEquals(10020, same.errorCode());
        assertEquals(200, createRoute(zone, "example.com/Images/*", "api-worker").status(), "the path is case-sensitive");

        String other = createZone(TOKEN, "example.org");
        String id = createRoute(other, "example.org/a", "dispatcher").result().get("id").asText();
        createRoute(other, "example.org/b", "dispatcher");
        Reply clash = t.call(TOKEN, "PUT", "/zones/" + other + "/workers/routes/" + id,
                "{\"pattern\":\"example.org/b\",\"script\":\"dispatcher\"}");
        assertEquals(400, clash.status());
        assertEquals(10020, clash.errorCode());
    }

    @Test
    void deletingAZoneDeletesItsRoutes() {
        String zone = createZone(TOKEN, "example.com");
        createRoute(zone, "*/*", "dispatcher");
        Reply deleted = t.call(TOKEN, "DELETE", "/zones/" + zone, null);
        assertEquals(200, deleted.status());
        assertEquals(zone, deleted.result().get("id").asText());
        assertEquals(404, t.get("/zones/" + zone).status());
        assertEquals(List.of(), t.store.accountRoutes(ACCOUNT));
    }

    @Test
    void theLiveRouteTableFollowsRouteChanges() {
        LiveRouteTable table = new LiveRouteTable(t.store);
        String zone = createZone(TOKEN, "saas.example");
        String catchAll = createRoute(zone, "*/*", "dispatcher").result().get("id").asText();
        createRoute(zone, "api.saas.example/*", "api-worker");
        createRoute(zone, "api.saas.example/health", null);
        table.reload(ACCOUNT);

        assertEquals(Optional.of(ScriptKey.plain(ACCOUNT, "api-worker")), table.match("https", "api.saas.example", "/v1/users"));
        assertEquals(Optional.empty(), table.match("https", "api.saas.example", "/health"));
        assertEquals(Optional.of(ScriptKey.plain(ACCOUNT, "dispatcher")), table.match("https", "shop.saas.example", "/"));
        assertEquals(Optional.of(ScriptKey.plain(ACCOUNT, "dispatcher")), table.match("http", "customer-domain.test", "/x?y=1"));

        t.call(TOKEN, "DELETE", "/zones/" + zone + "/workers/routes/" + catchAll, null);
        table.reload(ACCOUNT);
        assertEquals(Optional.empty(), table.match("https", "shop.saas.example", "/"));
        assertEquals(Optional.of(ScriptKey.plain(ACCOUNT, "api-worker")), table.match("https", "api.saas.example", "/v1"));
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        Reply reply = t.call("wrong", "GET", "/zones", null);
        assertEquals(401, reply.status());
        assertEquals(10000, reply.errorCode());
    }

    private static List<String> names(JsonNode zones) {
        return java.util.stream.StreamSupport.stream(zones.spliterator(), false).map(z -> z.get("name").asText()).toList();
    }
}
