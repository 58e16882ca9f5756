package dev.corral.api.zones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.corral.api.ApiCall;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.storage.RouteRecord;

/** {@code /zones/{zone_id}/workers/routes[/{route_id}]}: which plain script runs for which URLs of a zone. */
public final class WorkerRouteEndpoints implements Endpoints {
    private static final String PATH = "/zones/{zone_id}/workers/routes";

    private final ZonesAndRoutes zones;

    public WorkerRouteEndpoints(ZonesAndRoutes zones) {
        this.zones = zones;
    }

    @Override
    public void register(Router router) {
        router.route("GET", PATH, this::list)
                .route("POST", PATH, this::create)
                .route("GET", PATH + "/{route_id}", this::get)
                .route("PUT", PATH + "/{route_id}", this::update)
                .route("DELETE", PATH + "/{route_id}", this::delete);
    }

    private ApiResponse list(ApiCall call) {
        ArrayNode result = Envelope.array();
        zones.routes(call.accountId(), call.param("zone_id")).forEach(route -> result.add(ZoneJson.route(route)));
        return Envelope.ok(result);
    }

    /** Body {@code {"pattern", "script"?}}. */
    private ApiResponse create(ApiCall call) {
        JsonNode body = call.jsonBody();
        RouteRecord route = zones.createRoute(call.accountId(), call.param("zone_id"), pattern(body), script(body));
        return Envelope.ok(ZoneJson.route(route));
    }

    private ApiResponse get(ApiCall call) {
        return Envelope.ok(ZoneJson.route(zones.route(call.accountId(), call.param("zone_id"), call.param("route_id"))));
    }

    private ApiResponse update(ApiCall call) {
        JsonNode body = call.jsonBody();
        RouteRecord route = zones.updateRoute(call.accountId(), call.param("zone_id"), call.param("route_id"),
                pattern(body), script(body));
        return Envelope.ok(ZoneJson.route(route));
    }

    private ApiResponse delete(ApiCall call) {
        String routeId = call.param("route_id");
        zones.deleteRoute(call.accountId(), call.param("zone_id"), routeId);
        return Envelope.ok(Envelope.object().put("id", routeId));
    }

    static String pattern(JsonNode body) {
        JsonNode pattern = body.get("pattern");
        if (pattern == null || !pattern.isTextual()) {
            throw PlatformException.invalid(10022, "A route needs a pattern string, such as \"example.com/*\"");
        }
        return pattern.asText();
    }

    /** Null when the route names no script. */
    private static String script(JsonNode body) {
        JsonNode script = body.get("script");
        if (script == null || script.isNull()) {
            return null;
        }
        if (!script.isTextual()) {
            throw PlatformException.invalid(10021, "script must be a script name");
        }
        return script.asText();
    }
}
