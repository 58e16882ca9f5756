package dev.corral.api.plain;

import static dev.corral.api.zones.RoutesTestApi.ACCOUNT;
import static dev.corral.api.zones.RoutesTestApi.OTHER_TOKEN;
import static dev.corral.api.zones.RoutesTestApi.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.api.zones.RoutesTestApi;
import dev.corral.api.zones.RoutesTestApi.Reply;
import dev.corral.api.zones.WorkerRouteEndpoints;
import dev.corral.api.zones.ZoneEndpoints;
import dev.corral.storage.RouteRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes of a plain script as {@code wrangler deploy} publishes them from its configuration. */
class ScriptRouteEndpointsTest {
    private static final String ROUTES = "/accounts/" + ACCOUNT + "/workers/scripts/dispatcher/routes";

    @TempDir
    Path dataDir;
    private RoutesTestApi t;
    private String saas;
    private String shop;

    @BeforeEach
    void start() {
        t = new RoutesTestApi(dataDir, api -> List.of(new ZoneEndpoints(api.zones), new WorkerRouteEndpoints(api.zones),
                new ScriptRouteEndpoints(api.zones)));
        t.deployPlain(ACCOUNT, "dispatcher");
        t.deployPlain(ACCOUNT, "other");
        saas = t.call(TOKEN, "POST", "/zones", "{\"name\":\"saas.example\"}").result().get("id").asText();
        shop = t.call(TOKEN, "POST", "/zones", "{\"name\":\"shop.example\"}").result().get("id").asText();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Set<String> patterns(String zoneId) {
        return t.store.routes(zoneId).stream().map(r -> r.pattern() + " -> " + r.script()).collect(Collectors.toSet());
    }

    @Test
    void wranglersRouteListBecomesTheScriptsRoutesInTheirZones() {
        Reply reply = t.call(TOKEN, "PUT", ROUTES, """
                [{"pattern":"*/*","zone_name":"saas.example"},
                 {"pattern":"api.shop.example/*"},
                 {"pattern":"shop.example/checkout*","zone_id":"%s"}]""".formatted(shop));
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(3, reply.result().size());
        JsonNode first = reply.result().get(0);
        assertEquals("*/*", first.get("pattern").asText());
        assertEquals("saas.example", first.get("zone_name").asText());
        assertEquals(saas, first.get("zone_id").asText());
        assertEquals(Set.of("*/* -> dispatcher"), patterns(saas));
        assertEquals(Set.of("api.shop.example/* -> dispatcher", "shop.example/checkout* -> dispatcher"), patterns(shop));
        assertEquals(List.of(ACCOUNT), t.runtime.routesChanged);
        assertEquals(reply.result(), t.get(ROUTES).result());
    }

    @Test
    void aSecondPublishReplacesTheScriptsRoutesAndKeepsTheIdsOfThoseItRepeats() {
        t.call(TOKEN, "POST", "/zones/" + shop + "/workers/routes", "{\"pattern\":\"shop.example/blog/*\",\"script\":\"other\"}");
        t.call(TOKEN, "PUT", ROUTES, "[\"api.shop.example/*\", \"shop.example/old/*\"]");
        String kept = t.store.routes(shop).stream().filter(r -> r.pattern().equals("api.shop.example/*"))
                .map(RouteRecord::id).findFirst().orElseThrow();

        Reply reply = t.call(TOKEN, "PUT", ROUTES, "[{\"pattern\":\"API.shop.example/*\"}, {\"pattern\":\"shop.example/new/*\"}]");
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(kept, reply.result().get(0).get("id").asText());
        assertEquals(Set.of("API.shop.example/* -> dispatcher", "shop.example/new/* -> dispatcher",
                "shop.example/blog/* -> other"), patterns(shop), "another script's routes stay");

        assertEquals(200, t.call(TOKEN, "PUT", ROUTES, "[]").status());
        assertEquals(Set.of("shop.example/blog/* -> other"), patterns(shop));
    }

    @Test
    void aPatternAnotherScriptHoldsOrInNoZoneIsRefusedAndNothingChanges() {
        t.call(TOKEN, "PUT", ROUTES, "[\"api.shop.example/*\"]");
        t.call(TOKEN, "POST", "/zones/" + shop + "/workers/routes", "{\"pattern\":\"shop.example/blog/*\",\"script\":\"other\"}");
        Set<String> before = patterns(shop);
        for (String body : List.of(
                "[\"shop.example/blog/*\", \"shop.example/x\"]",
                "[\"elsewhere.example/*\"]",
                "[\"*/*\"]",
                "[{\"pattern\":\"*/*\",\"zone_name\":\"unknown.example\"}]",
                "[{\"pattern\":\"saas.example/*\",\"zone_name\":\"shop.example\"}]",
                "[{\"pattern\":\"shop.example/*\",\"custom_domain\":true}]",
                "{\"pattern\":\"shop.example/*\"}")) {
            Reply reply = t.call(TOKEN, "PUT", ROUTES, body);
            assertEquals(400, reply.status(), body + " -> " + reply);
        }
        assertEquals(before, patterns(shop));
        assertEquals(10020, t.call(TOKEN, "PUT", ROUTES, "[\"shop.example/blog/*\"]").errorCode());
    }

    @Test
    void anotherAccountsZoneCannotBeNamed() {
        Reply reply = t.call(OTHER_TOKEN, "PUT", "/accounts/0f9e8d7c6b5a49382716f5e4d3c2b1a0/workers/scripts/dispatcher/routes",
                "[{\"pattern\":\"*/*\",\"zone_id\":\"" + saas + "\"}]");
        assertEquals(400, reply.status(), "the other account has no script of that name");
        assertEquals(10019, reply.errorCode());
        t.deployPlain("0f9e8d7c6b5a49382716f5e4d3c2b1a0", "dispatcher");
        Reply again = t.call(OTHER_TOKEN, "PUT", "/accounts/0f9e8d7c6b5a49382716f5e4d3c2b1a0/workers/scripts/dispatcher/routes",
                "[{\"pattern\":\"*/*\",\"zone_id\":\"" + saas + "\"}]");
        assertEquals(404, again.status());
        assertEquals(7003, again.errorCode());
        assertEquals(Set.of(), patterns(saas));
    }
}
