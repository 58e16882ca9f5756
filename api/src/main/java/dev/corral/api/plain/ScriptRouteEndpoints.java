package dev.corral.api.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.corral.api.ApiCall;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.platform.control.ZonesAndRoutes.ScriptRoute;
import dev.corral.platform.control.ZonesAndRoutes.ZonedRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /accounts/{account_id}/workers/scripts/{script_name}/routes}: a plain script's routes across the account's
 * zones. {@code wrangler deploy} PUTs the {@code routes} of its configuration here, e.g.
 * {@code [{"pattern": "shop.example.com/*", "zone_name": "example.com"}]}, replacing the script's previous routes.
 */
public final class ScriptRouteEndpoints implements Endpoints {
    private static final String PATH = "/accounts/{account_id}/workers/scripts/{script_name}/routes";

    private final ZonesAndRoutes zones;

    public ScriptRouteEndpoints(ZonesAndRoutes zones) {
        this.zones = zones;
    }

    @Override
    public void register(Router router) {
        router.route("GET", PATH, this::list).route("PUT", PATH, this::replace);
    }

    private ApiResponse list(ApiCall call) {
        return Envelope.ok(json(zones.scriptRoutes(call.accountId(), call.param("script_name"))));
    }

    private ApiResponse replace(ApiCall call) {
        JsonNode body = call.jsonBody();
        if (!body.isArray()) {
            throw PlatformException.invalid(10021, "The body must be an array of routes such as "
                    + "[{\"pattern\":\"example.com/*\",\"zone_name\":\"example.com\"}]");
        }
        List<ScriptRoute> routes = new ArrayList<>();
        for (JsonNode route : body) {
            routes.add(route(route));
        }
        return Envelope.ok(json(zones.replaceScriptRoutes(call.accountId(), call.param("script_name"), routes)));
    }

    private static ScriptRoute route(JsonNode route) {
        if (route.isTextual()) {
            return new ScriptRoute(route.asText(), null, null);
        }
        if (!route.isObject() || !route.path("pattern").isTextual()) {
            throw PlatformException.invalid(10022, "Each route needs a pattern string");
        }
        if (route.path("custom_domain").asBoolean(false)) {
            throw PlatformException.invalid(10021, "Custom domains are not supported by Corral; route '"
                    + route.get("pattern").asText() + "' as a pattern in a zone instead");
        }
        return new ScriptRoute(route.get("pattern").asText(), text(route, "zone_id"), text(route, "zone_name"));
    }

    private static String text(JsonNode route, String field) {
        JsonNode value = route.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ArrayNode json(List<ZonedRoute> routes) {
        ArrayNode result = Envelope.array();
        for (ZonedRoute route : routes) {
            result.addObject()
                    .put("id", route.route().id())
                    .put("pattern", route.route().pattern())
                    .put("script", route.route().script())
                    .put("zone_id", route.zone().id())
                    .put("zone_name", route.zone().name());
        }
        return result;
    }
}
