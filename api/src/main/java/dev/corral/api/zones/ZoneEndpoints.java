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
import dev.corral.storage.ZoneRecord;
import java.util.List;
import java.util.Locale;

/**
 * {@code /zones[/{zone_id}]}. Zones are not under {@code /accounts/{id}}: the API token decides the account, and a zone
 * of another account answers as if it did not exist.
 */
public final class ZoneEndpoints implements Endpoints {
    private static final int DEFAULT_PER_PAGE = 20;
    private static final int MIN_PER_PAGE = 5;
    private static final int MAX_PER_PAGE = 50;

    private final ZonesAndRoutes zones;

    public ZoneEndpoints(ZonesAndRoutes zones) {
        this.zones = zones;
    }

    @Override
    public void register(Router router) {
        router.route("POST", "/zones", this::create)
                .route("GET", "/zones", this::list)
                .route("GET", "/zones/{zone_id}", this::get)
                .route("DELETE", "/zones/{zone_id}", this::delete);
    }

    /** Body {@code {"name", "account": {"id"}?, "type"?}}; without an account id the token's account is meant. */
    private ApiResponse create(ApiCall call) {
        JsonNode body = call.jsonBody();
        String account = body.path("account").path("id").asText(call.accountId());
        if (!account.equals(call.accountId())) {
            throw new PlatformException(403, 9109, "Unauthorized to access requested resource");
        }
        JsonNode type = body.get("type");
        ZoneRecord zone = zones.createZone(call.accountId(), body.path("name").asText(null),
                type == null || type.isNull() ? null : type.asText());
        return Envelope.ok(ZoneJson.zone(zone));
    }

    /**
     * Filters {@code name} (exact, any case), {@code account.id} and {@code status}; pages with {@code page} and
     * {@code per_page} (5 to 50, default 20), ordered by name.
     */
    private ApiResponse list(ApiCall call) {
        String name = call.query("name");
        String account = call.query("account.id");
        String status = call.query("status");
        List<ZoneRecord> matching = zones.zones(call.accountId()).stream()
                .filter(zone -> name == null || zone.name().equals(name.toLowerCase(Locale.ROOT)))
                .filter(zone -> account == null || account.equals(zone.accountId()))
                .filter(zone -> status == null || status.equals("active"))
                .toList();
        int perPage = intParam(call, "per_page", DEFAULT_PER_PAGE, MIN_PER_PAGE, MAX_PER_PAGE);
        int page = intParam(call, "page", 1, 1, Integer.MAX_VALUE);
        int from = (int) Math.min((long) (page - 1) * perPage, matching.size());
        List<ZoneRecord> shown = matching.subList(from, Math.min(from + perPage, matching.size()));
        ArrayNode result = Envelope.array();
        shown.forEach(zone -> result.add(ZoneJson.zone(zone)));
        return Envelope.okList(result, Envelope.object()
                .put("page", page)
                .put("per_page", perPage)
                .put("count", shown.size())
                .put("total_count", matching.size())
                .put("total_pages", (matching.size() + perPage - 1) / perPage));
    }

    private ApiResponse get(ApiCall call) {
        return Envelope.ok(ZoneJson.zone(zones.zone(call.accountId(), call.param("zone_id"))));
    }

    private ApiResponse delete(ApiCall call) {
        String zoneId = call.param("zone_id");
        zones.deleteZone(call.accountId(), zoneId);
        return Envelope.ok(Envelope.object().put("id", zoneId));
    }

    private static int intParam(ApiCall call, String name, int fallback, int min, int max) {
        String value = call.query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw PlatformException.invalid(1001, name + " must be a whole number from " + min + " to " + max);
    }
}
