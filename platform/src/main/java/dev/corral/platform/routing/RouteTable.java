package dev.corral.platform.routing;

import dev.corral.storage.RouteRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ZoneRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which plain script serves a request, decided from the routes of every account's zones. A table is immutable: a route
 * change builds a new one with {@link #withAccount}, so the front door matches against whatever table it last read
 * without locks.
 *
 * <p>As on Cloudflare, a request belongs to a zone first and then to one of that zone's routes: the zone is the one whose
 * name is the longest suffix of the host (the host itself or a parent domain), and only its routes are considered, the
 * most specific matching one winning ({@link RoutePattern#MOST_SPECIFIC_FIRST}).
 *
 * <p>Cloudflare lets a zone serve traffic only once its owner proved the domain theirs; Corral proves nothing, so the
 * first claim wins instead. Among the zones of all accounts that a host lies in, the oldest decides which account owns
 * the host, and that account's most specific zone serves it: an account cannot take hosts from an older zone of another
 * account by adding a zone of the same name or of a subdomain.
 *
 * <p>A host under no zone is what Cloudflare calls a custom hostname, which it binds to a zone explicitly. Corral has no
 * such registry: the oldest zone holding a route whose host is just {@code *} (the {@code *}{@code /*} route Cloudflare
 * recommends for platforms) serves these hosts with those routes, so a later account cannot divert them either.
 */
public final class RouteTable {
    private static final Comparator<Zone> OLDEST_FIRST = Comparator
            .comparing((Zone z) -> z.record.createdOn())
            .thenComparing(z -> z.record.id());

    public static final RouteTable EMPTY = new RouteTable(Map.of());

    private final Map<String, List<Zone>> zonesByAccount;
    /** Zone name to the zones of that name, oldest first. */
    private final Map<String, List<Zone>> zonesByName;
    /** The catch-all routes of the oldest zone that has any, most specific first. */
    private final List<Route> customHostnameRoutes;

    private RouteTable(Map<String, List<Zone>> zonesByAccount) {
        this.zonesByAccount = Map.copyOf(zonesByAccount);
        List<Zone> allZones = this.zonesByAccount.values().stream().flatMap(List::stream).sorted(OLDEST_FIRST).toList();
        Map<String, List<Zone>> byName = new HashMap<>();
        for (Zone zone : allZones) {
            byName.computeIfAbsent(zone.name, name -> new ArrayList<>()).add(zone);
        }
        this.zonesByName = Map.copyOf(byName);
        this.customHostnameRoutes = allZones.stream()
                .map(zone -> zone.routes.stream().filter(route -> route.pattern.matchesEveryHost()).toList())
                .filter(routes -> !routes.isEmpty())
                .findFirst()
                .orElse(List.of());
    }

    /**
     * This table with the account's zones and routes replaced by the given ones (an account with no zones drops out).
     *
     * @param routes the account's routes; those of a zone not in {@code zones} are ignored.
     * @throws dev.corral.platform.PlatformException if a stored pattern is invalid (patterns are validated when stored).
     */
    public RouteTable withAccount(String accountId, List<ZoneRecord> zones, List<RouteRecord> routes) {
        Map<String, List<Route>> routesByZone = new HashMap<>();
        for (RouteRecord route : routes) {
            routesByZone.computeIfAbsent(route.zoneId(), id -> new ArrayList<>())
                    .add(new Route(accountId, RoutePattern.parse(route.pattern()), route.script()));
        }
        List<Zone> accountZones = new ArrayList<>();
        for (ZoneRecord zone : zones) {
            List<Route> zoneRoutes = new ArrayList<>(routesByZone.getOrDefault(zone.id(), List.of()));
            zoneRoutes.sort(Comparator.comparing(Route::pattern, RoutePattern.MOST_SPECIFIC_FIRST));
            accountZones.add(new Zone(zone, zone.name().toLowerCase(Locale.ROOT), List.copyOf(zoneRoutes)));
        }
        Map<String, List<Zone>> next = new HashMap<>(zonesByAccount);
        if (accountZones.isEmpty()) {
            next.remove(accountId);
        } else {
            next.put(accountId, List.copyOf(accountZones));
        }
        return new RouteTable(next);
    }

    /**
     * The plain script that serves a request, or empty when no route matches or the winning route names no script
     * (Cloudflare's way to exempt part of a zone from a broader route).
     *
     * @param scheme       {@code http} or {@code https}.
     * @param hostHeader   the request's Host header (or the authority of an absolute request target); a port and a
     *                     trailing dot are ignored, and so is case.
     * @param pathAndQuery the request target's path and query string as received, e.g. {@code /a/b?x=1}; the query takes
     *                     part in matching, as on Cloudflare.
     */
    public Optional<ScriptKey> match(String scheme, String hostHeader, String pathAndQuery) {
        String host = hostName(hostHeader);
        String requestScheme = scheme.toLowerCase(Locale.ROOT);
        String target = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Optional<Zone> zone = zoneOf(host);
        List<Route> candidates = zone.isPresent() ? zone.get().routes : customHostnameRoutes;
        for (Route route : candidates) {
            if (route.pattern.matches(requestScheme, host, target)) {
                return route.script == null || route.script.isEmpty()
                        ? Optional.empty()
                        : Optional.of(ScriptKey.plain(route.accountId, route.script));
            }
        }
        return Optional.empty();
    }

    /** The zone that serves the host: the most specific zone of the account whose zone over the host is oldest. */
    private Optional<Zone> zoneOf(String host) {
        List<Zone> enclosing = new ArrayList<>();
        String candidate = host;
        while (!candidate.isEmpty()) {
            enclosing.addAll(zonesByName.getOrDefault(candidate, List.of()));
            int dot = candidate.indexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(dot + 1);
        }
        Optional<String> owner = enclosing.stream().min(OLDEST_FIRST).map(zone -> zone.record.accountId());
        return owner.flatMap(account -> enclosing.stream().filter(zone -> zone.record.accountId().equals(account)).findFirst());
    }

    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else {
            int colon = host.indexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    private record Route(String accountId, RoutePattern pattern, String script) {}

    private record Zone(ZoneRecord record, String name, List<Route> routes) {}
}
