package dev.corral.platform.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.corral.storage.RouteRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ZoneRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final String ACCOUNT = "acc1";
    private static final String OTHER = "acc2";
    private int nextId;

    private ZoneRecord zone(String account, String name, int createdSecond) {
        return new ZoneRecord("zone" + (nextId++), account, name, Instant.ofEpochSecond(createdSecond));
    }

    private RouteRecord route(ZoneRecord zone, String pattern, String script) {
        return new RouteRecord("route" + (nextId++), zone.id(), pattern, script);
    }

    private static Optional<ScriptKey> plain(String account, String script) {
        return Optional.of(ScriptKey.plain(account, script));
    }

    private static RouteTable table(String account, ZoneRecord zone, RouteRecord... routes) {
        return RouteTable.EMPTY.withAccount(account, List.of(zone), List.of(routes));
    }

    @Test
    void anExactHostBeatsAWildcardHostForTheSameRequest() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example,
                route(example, "*.example.com/*", "wildcard"),
                route(example, "www.example.com/*", "exact"));
        assertEquals(plain(ACCOUNT, "exact"), table.match("https", "www.example.com", "/"));
        assertEquals(plain(ACCOUNT, "wildcard"), table.match("https", "api.example.com", "/"));
    }

    @Test
    void aLongerPathBeatsAShorterOne() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example,
                route(example, "example.com/*", "site"),
                route(example, "example.com/hello/*", "hello"));
        assertEquals(plain(ACCOUNT, "hello"), table.match("https", "example.com", "/hello/world"));
        assertEquals(plain(ACCOUNT, "site"), table.match("https", "example.com", "/goodbye"));
    }

    @Test
    void theHostDecidesBeforeThePathAsInCloudflaresKnownIssue() {
        // Known issues: with (A) *.example.com/a and (B) a.example.com/*, a request to a.example.com/a runs B.
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example,
                route(example, "*.example.com/a", "a"),
                route(example, "a.example.com/*", "b"));
        assertEquals(plain(ACCOUNT, "b"), table.match("https", "a.example.com", "/a"));
    }

    @Test
    void aRouteWithoutScriptExemptsItsRequestsFromABroaderRoute() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example,
                route(example, "*example.com/images/cat.png", null),
                route(example, "*example.com/images/*", "worker-script"));
        assertEquals(Optional.empty(), table.match("https", "example.com", "/images/cat.png"));
        assertEquals(plain(ACCOUNT, "worker-script"), table.match("https", "example.com", "/images/dog.png"));
        assertEquals(plain(ACCOUNT, "worker-script"), table.match("https", "example.com", "/images/cat.png?foo=bar"));
    }

    @Test
    void thePortATrailingDotAndCaseOfTheHostHeaderDoNotMatter() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example, route(example, "shop.example.com/*", "shop"));
        assertEquals(plain(ACCOUNT, "shop"), table.match("HTTP", "Shop.Example.COM.:8080", "/"));
        assertEquals(plain(ACCOUNT, "shop"), table.match("https", "shop.example.com", ""));
    }

    @Test
    void aSchemeInThePatternLimitsItToThatScheme() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        RouteTable table = table(ACCOUNT, example,
                route(example, "https://example.com/*", "secure"),
                route(example, "example.com/*", "any"));
        assertEquals(plain(ACCOUNT, "secure"), table.match("https", "example.com", "/"));
        assertEquals(plain(ACCOUNT, "any"), table.match("http", "example.com", "/"));
    }

    @Test
    void aHostUnderAZoneUsesOnlyThatZonesRoutes() {
        ZoneRecord saas = zone(ACCOUNT, "saas.test", 1);
        ZoneRecord shop = zone(OTHER, "shop.test", 2);
        RouteTable table = RouteTable.EMPTY
                .withAccount(ACCOUNT, List.of(saas), List.of(route(saas, "*/*", "dispatcher")))
                .withAccount(OTHER, List.of(shop), List.of(route(shop, "api.shop.test/*", "api")));
        assertEquals(plain(ACCOUNT, "dispatcher"), table.match("https", "customer.saas.test", "/"));
        assertEquals(plain(OTHER, "api"), table.match("https", "api.shop.test", "/v1"));
        // www.shop.test belongs to the zone shop.test, which has no route for it: the other zone's */* does not apply.
        assertEquals(Optional.empty(), table.match("https", "www.shop.test", "/"));
    }

    @Test
    void aHostUnderNoZoneIsServedByACatchAllRoute() {
        ZoneRecord saas = zone(ACCOUNT, "saas.test", 1);
        RouteTable table = table(ACCOUNT, saas,
                route(saas, "*/*", "dispatcher"),
                route(saas, "*/admin/*", "admin"),
                route(saas, "app.saas.test/*", "app"));
        assertEquals(plain(ACCOUNT, "dispatcher"), table.match("https", "shop.customer.example", "/"));
        assertEquals(plain(ACCOUNT, "admin"), table.match("https", "shop.customer.example", "/admin/users"));
        assertEquals(plain(ACCOUNT, "app"), table.match("https", "app.saas.test", "/admin/users"));
    }

    @Test
    void aSubdomainZoneTakesItsHostsFromTheParentZone() {
        ZoneRecord parent = zone(ACCOUNT, "example.com", 1);
        ZoneRecord child = zone(ACCOUNT, "eu.example.com", 2);
        RouteTable table = RouteTable.EMPTY.withAccount(ACCOUNT, List.of(parent, child), List.of(
                route(parent, "*example.com/*", "global"),
                route(child, "*.eu.example.com/*", "europe")));
        assertEquals(plain(ACCOUNT, "europe"), table.match("https", "shop.eu.example.com", "/"));
        assertEquals(plain(ACCOUNT, "global"), table.match("https", "shop.example.com", "/"));
    }

    @Test
    void theOlderZoneOwnsANameTwoAccountsHold() {
        ZoneRecord first = zone(OTHER, "example.com", 1);
        ZoneRecord second = zone(ACCOUNT, "example.com", 2);
        RouteTable table = RouteTable.EMPTY
                .withAccount(ACCOUNT, List.of(second), List.of(route(second, "example.com/*", "late")))
                .withAccount(OTHER, List.of(first), List.of(route(first, "example.com/*", "early")));
        assertEquals(plain(OTHER, "early"), table.match("https", "example.com", "/"));
    }

    @Test
    void anotherAccountCannotTakeHostsOfAnOlderZoneWithASubdomainZone() {
        ZoneRecord owner = zone(ACCOUNT, "example.com", 1);
        ZoneRecord squatter = zone(OTHER, "shop.example.com", 2);
        RouteTable table = RouteTable.EMPTY
                .withAccount(ACCOUNT, List.of(owner), List.of(route(owner, "*example.com/*", "site")))
                .withAccount(OTHER, List.of(squatter), List.of(route(squatter, "shop.example.com/*", "stolen")));
        assertEquals(plain(ACCOUNT, "site"), table.match("https", "shop.example.com", "/"));
    }

    @Test
    void aSubdomainZoneOlderThanAnotherAccountsParentZoneKeepsItsHosts() {
        ZoneRecord first = zone(OTHER, "shop.example.com", 1);
        ZoneRecord later = zone(ACCOUNT, "example.com", 2);
        RouteTable table = RouteTable.EMPTY
                .withAccount(OTHER, List.of(first), List.of(route(first, "shop.example.com/*", "shop")))
                .withAccount(ACCOUNT, List.of(later), List.of(route(later, "*example.com/*", "site")));
        assertEquals(plain(OTHER, "shop"), table.match("https", "shop.example.com", "/"));
        assertEquals(plain(ACCOUNT, "site"), table.match("https", "www.example.com", "/"));
    }

    @Test
    void aLaterAccountsCatchAllCannotDivertHostsUnderNoZone() {
        ZoneRecord platform = zone(ACCOUNT, "platform.test", 1);
        ZoneRecord later = zone(OTHER, "later.test", 2);
        RouteTable table = RouteTable.EMPTY
                .withAccount(ACCOUNT, List.of(platform), List.of(route(platform, "*/*", "dispatcher")))
                .withAccount(OTHER, List.of(later), List.of(route(later, "*/api/*", "more-specific")));
        assertEquals(plain(ACCOUNT, "dispatcher"), table.match("https", "customer.example", "/api/x"));
        assertEquals(plain(OTHER, "more-specific"), table.match("https", "later.test", "/api/x"), "its own zone still works");
        RouteTable without = table.withAccount(ACCOUNT, List.of(), List.of());
        assertEquals(plain(OTHER, "more-specific"), without.match("https", "customer.example", "/api/x"));
        assertEquals(Optional.empty(), without.match("https", "customer.example", "/"));
    }

    @Test
    void rebuildingAnAccountReplacesOnlyThatAccountsRoutes() {
        ZoneRecord mine = zone(ACCOUNT, "mine.test", 1);
        ZoneRecord theirs = zone(OTHER, "theirs.test", 2);
        RouteTable before = RouteTable.EMPTY
                .withAccount(ACCOUNT, List.of(mine), List.of(route(mine, "mine.test/*", "old")))
                .withAccount(OTHER, List.of(theirs), List.of(route(theirs, "theirs.test/*", "theirs")));
        RouteTable after = before.withAccount(ACCOUNT, List.of(mine), List.of(route(mine, "mine.test/*", "new")));
        assertEquals(plain(ACCOUNT, "old"), before.match("https", "mine.test", "/"), "a table never changes");
        assertEquals(plain(ACCOUNT, "new"), after.match("https", "mine.test", "/"));
        assertEquals(plain(OTHER, "theirs"), after.match("https", "theirs.test", "/"));
        RouteTable gone = after.withAccount(ACCOUNT, List.of(), List.of());
        assertEquals(Optional.empty(), gone.match("https", "mine.test", "/"));
        assertEquals(plain(OTHER, "theirs"), gone.match("https", "theirs.test", "/"));
    }

    @Test
    void anEmptyTableMatchesNothing() {
        assertEquals(Optional.empty(), RouteTable.EMPTY.match("https", "example.com", "/"));
    }

    @Test
    void manyRoutesStillResolveToTheMostSpecific() {
        ZoneRecord example = zone(ACCOUNT, "example.com", 1);
        List<RouteRecord> routes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            routes.add(route(example, "example.com/section" + i + "/*", "s" + i));
        }
        routes.add(route(example, "example.com/section42/deep/*", "deep"));
        RouteTable table = RouteTable.EMPTY.withAccount(ACCOUNT, List.of(example), routes);
        assertEquals(plain(ACCOUNT, "s42"), table.match("https", "example.com", "/section42/x"));
        assertEquals(plain(ACCOUNT, "deep"), table.match("https", "example.com", "/section42/deep/x"));
        assertEquals(plain(ACCOUNT, "s199"), table.match("https", "example.com", "/section199/"));
    }
}
