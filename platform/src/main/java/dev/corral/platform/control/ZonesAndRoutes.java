package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.routing.RoutePattern;
import dev.corral.storage.ControlStore;
import dev.corral.storage.RouteRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.StoreConflictException;
import dev.corral.storage.ZoneRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Zones and their Workers routes, per account. A zone or route of another account is reported as missing, never as
 * forbidden, so that an account cannot learn what others hold. Every route change is announced to the serving side with
 * {@link ScriptRuntime#routesChanged} once committed.
 */
public final class ZonesAndRoutes {
    /** Cloudflare's answer for an unknown zone id. */
    private static final int ZONE_NOT_FOUND = 7003;
    private static final int INVALID_ZONE = 1001;
    private static final int ZONE_EXISTS = 1061;
    private static final int ROUTE_NOT_FOUND = 10009;
    private static final int ROUTE_SCRIPT_NOT_FOUND = 10019;
    /** Cloudflare's code for a pattern a zone already routes is not documented; this one sits among the route codes. */
    private static final int ROUTE_EXISTS = 10020;

    /** The domain name rule of Cloudflare's zone create schema, applied to the lower-cased name. */
    private static final Pattern ZONE_NAME = Pattern.compile("([a-z0-9][-a-z0-9]*\\.)+[-a-z0-9]{2,20}");
    private static final int MAX_ZONE_NAME = 253;

    private final ControlStore store;
    private final ScriptRuntime runtime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ZonesAndRoutes(ControlStore store, ScriptRuntime runtime, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ zones

    /**
     * @param type Cloudflare's zone type; only {@code full} (the default, for null) is served, since Corral hosts no DNS
     *             that a partial or secondary zone would delegate to.
     */
    public ZoneRecord createZone(String accountId, String name, String type) {
        if (type != null && !type.equals("full")) {
            throw PlatformException.invalid(INVALID_ZONE, "Zone type '" + type + "' is not supported: Corral serves full zones only");
        }
        String zoneName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (zoneName.length() > MAX_ZONE_NAME || !ZONE_NAME.matcher(zoneName).matches()) {
            throw PlatformException.invalid(INVALID_ZONE, "Invalid zone name '" + name + "': give a domain name such as example.com");
        }
        ZoneRecord zone = new ZoneRecord(newId(), accountId, zoneName, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            store.createZone(zone);
        } catch (StoreConflictException e) {
            throw PlatformException.invalid(ZONE_EXISTS, zoneName + " already exists");
        }
        return zone;
    }

    /** The account's zones by name. */
    public List<ZoneRecord> zones(String accountId) {
        return store.zones(accountId);
    }

    /** @throws PlatformException 404/7003 if the account has no zone with that id. */
    public ZoneRecord zone(String accountId, String zoneId) {
        return store.zone(zoneId)
                .filter(zone -> zone.accountId().equals(accountId))
                .orElseThrow(() -> PlatformException.notFound(ZONE_NOT_FOUND,
                        "Could not route to /zones/" + zoneId + ", perhaps your object identifier is invalid?"));
    }

    /** Deletes the zone with its routes. */
    public void deleteZone(String accountId, String zoneId) {
        zone(accountId, zoneId);
        store.deleteZone(zoneId);
        runtime.routesChanged(accountId);
    }

    // ------------------------------------------------------------------ routes of a zone

    public List<RouteRecord> routes(String accountId, String zoneId) {
        zone(accountId, zoneId);
        return store.routes(zoneId);
    }

    /** @throws PlatformException 404/10009 if the zone has no such route. */
    public RouteRecord route(String accountId, String zoneId, String routeId) {
        zone(accountId, zoneId);
        return store.route(routeId)
                .filter(route -> route.zoneId().equals(zoneId))
                .orElseThrow(() -> PlatformException.notFound(ROUTE_NOT_FOUND, "Route not found"));
    }

    /**
     * @param script the plain script to run, or null or empty for a route that exempts its requests from broader routes.
     * @throws PlatformException 400/10022 for an invalid pattern or one outside the zone, 400/10019 for a script that
     *                           does not exist, 400/10020 if the zone already routes that pattern.
     */
    public RouteRecord createRoute(String accountId, String zoneId, String pattern, String script) {
        return saveRoute(accountId, zoneId, newId(), pattern, script);
    }

    public RouteRecord updateRoute(String accountId, String zoneId, String routeId, String pattern, String script) {
        route(accountId, zoneId, routeId);
        return saveRoute(accountId, zoneId, routeId, pattern, script);
    }

    public void deleteRoute(String accountId, String zoneId, String routeId) {
        route(accountId, zoneId, routeId);
        store.deleteRoute(routeId);
        runtime.routesChanged(accountId);
    }

    private RouteRecord saveRoute(String accountId, String zoneId, String routeId, String pattern, String script) {
        ZoneRecord zone = zone(accountId, zoneId);
        RoutePattern parsed = validPattern(pattern, zone);
        RouteRecord route = new RouteRecord(routeId, zoneId, pattern, existingScript(accountId, script));
        store.inTransaction(() -> {
            requireUnrouted(zone, parsed, routeId);
            putRoute(route);
            return null;
        });
        runtime.routesChanged(accountId);
        return route;
    }

    // ------------------------------------------------------------------ routes of a script

    /** One entry of a script's route list as wrangler sends it: a pattern, and optionally the zone by id or name. */
    public record ScriptRoute(String pattern, String zoneId, String zoneName) {}

    /** A route with its zone, as the script's route list shows it. */
    public record ZonedRoute(RouteRecord route, ZoneRecord zone) {}

    /** The routes that run the script, in every zone of the account. */
    public List<ZonedRoute> scriptRoutes(String accountId, String script) {
        List<ZonedRoute> routes = new ArrayList<>();
        for (ZoneRecord zone : store.zones(accountId)) {
            for (RouteRecord route : store.routes(zone.id())) {
                if (route.script().equals(script)) {
                    routes.add(new ZonedRoute(route, zone));
                }
            }
        }
        return routes;
    }

    /**
     * Makes {@code routes} the script's routes, in whichever zones they name, removing its others: what
     * {@code wrangler deploy} asks for with the {@code routes} of its configuration. A route without zone goes to the
     * account's zone that its host lies in.
     *
     * @throws PlatformException 400/10022 for an invalid pattern or one in no zone of the account, 400/10020 for a
     *                           pattern another script's route already holds; nothing changes then.
     */
    public List<ZonedRoute> replaceScriptRoutes(String accountId, String script, List<ScriptRoute> routes) {
        String target = existingScript(accountId, script);
        List<ZoneRecord> zones = store.zones(accountId);
        List<ZonedRoute> current = scriptRoutes(accountId, script);
        List<ZonedRoute> wanted = new ArrayList<>();
        for (ScriptRoute route : routes) {
            ZoneRecord zone = zoneFor(accountId, route, zones);
            RoutePattern pattern = validPattern(route.pattern(), zone);
            // A route the script already has keeps its id, so redeploying changes nothing a client could have noted.
            String id = current.stream()
                    .filter(old -> old.zone().id().equals(zone.id()) && RoutePattern.parse(old.route().pattern()).sameAs(pattern))
                    .map(old -> old.route().id())
                    .findFirst()
                    .orElseGet(this::newId);
            wanted.add(new ZonedRoute(new RouteRecord(id, zone.id(), route.pattern(), target), zone));
        }
        store.inTransaction(() -> {
            List<String> kept = wanted.stream().map(route -> route.route().id()).toList();
            current.stream().map(old -> old.route().id()).filter(id -> !kept.contains(id)).forEach(store::deleteRoute);
            for (ZonedRoute route : wanted) {
                requireUnrouted(route.zone(), RoutePattern.parse(route.route().pattern()), route.route().id());
                putRoute(route.route());
            }
            return null;
        });
        runtime.routesChanged(accountId);
        return List.copyOf(wanted);
    }

    /** Removes the routes that run a script that is being deleted, so that none points at nothing. */
    public void deleteScriptRoutes(String accountId, String script) {
        List<ZonedRoute> routes = scriptRoutes(accountId, script);
        if (routes.isEmpty()) {
            return;
        }
        store.inTransaction(() -> {
            routes.forEach(route -> store.deleteRoute(route.route().id()));
            return null;
        });
        runtime.routesChanged(accountId);
    }

    private ZoneRecord zoneFor(String accountId, ScriptRoute route, List<ZoneRecord> zones) {
        if (route.zoneId() != null) {
            return zone(accountId, route.zoneId());
        }
        if (route.zoneName() != null) {
            String name = route.zoneName().toLowerCase(Locale.ROOT);
            return zones.stream().filter(zone -> zone.name().equals(name)).findFirst()
                    .orElseThrow(() -> PlatformException.invalid(RoutePattern.INVALID_PATTERN,
                            "Route '" + route.pattern() + "': this account has no zone named " + route.zoneName()));
        }
        RoutePattern pattern = RoutePattern.parse(route.pattern());
        Optional<ZoneRecord> zone = zones.stream()
                .filter(candidate -> !pattern.matchesEveryHost() && pattern.belongsTo(candidate.name()))
                .max(Comparator.comparingInt(candidate -> candidate.name().length()));
        return zone.orElseThrow(() -> PlatformException.invalid(RoutePattern.INVALID_PATTERN,
                "Route '" + route.pattern() + "' lies in no zone of this account; name its zone with zone_name or zone_id"));
    }

    // ------------------------------------------------------------------ shared rules

    private static RoutePattern validPattern(String pattern, ZoneRecord zone) {
        RoutePattern parsed = RoutePattern.parse(pattern);
        if (!parsed.belongsTo(zone.name())) {
            throw PlatformException.invalid(RoutePattern.INVALID_PATTERN,
                    "Invalid route pattern '" + pattern + "': it must lie in the zone " + zone.name());
        }
        return parsed;
    }

    /** The script name to store: the named plain script, which must exist, or empty for none. */
    private String existingScript(String accountId, String script) {
        if (script == null || script.isEmpty()) {
            return "";
        }
        if (store.script(ScriptKey.plain(accountId, script)).isEmpty()) {
            throw PlatformException.invalid(ROUTE_SCRIPT_NOT_FOUND,
                    "Cannot configure a route for a Worker which does not exist. Please ensure this Worker exists and try again.");
        }
        return script;
    }

    /** Host case does not make two patterns different routes, so an exact-text unique key is not enough. */
    private void requireUnrouted(ZoneRecord zone, RoutePattern pattern, String exceptRouteId) {
        for (RouteRecord existing : store.routes(zone.id())) {
            if (!existing.id().equals(exceptRouteId) && RoutePattern.parse(existing.pattern()).sameAs(pattern)) {
                throw routeExists(zone, pattern);
            }
        }
    }

    private void putRoute(RouteRecord route) {
        try {
            store.putRoute(route);
        } catch (StoreConflictException e) {
            // The zone was deleted meanwhile, or another request stored the same pattern first.
            throw PlatformException.invalid(ROUTE_EXISTS, "Route '" + route.pattern() + "' could not be saved: " + e.getMessage());
        }
    }

    private static PlatformException routeExists(ZoneRecord zone, RoutePattern pattern) {
        return PlatformException.invalid(ROUTE_EXISTS, "The zone " + zone.name() + " already has a route for '" + pattern + "'");
    }

    private String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
