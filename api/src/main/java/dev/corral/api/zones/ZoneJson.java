package dev.corral.api.zones;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.Envelope;
import dev.corral.storage.RouteRecord;
import dev.corral.storage.ZoneRecord;

/** Cloudflare's JSON shapes of zones and Workers routes. */
final class ZoneJson {
    private ZoneJson() {}

    /**
     * The zone object. A Corral zone is active from its creation (there is no DNS delegation to wait for), is never
     * edited, has no name servers, and its account's name is the account id, the only name Corral knows.
     */
    static ObjectNode zone(ZoneRecord zone) {
        String created = zone.createdOn().toString();
        ObjectNode json = Envelope.object()
                .put("id", zone.id())
                .put("name", zone.name())
                .put("status", "active")
                .put("paused", false)
                .put("type", "full")
                .put("development_mode", 0);
        json.putArray("name_servers");
        json.putNull("original_name_servers");
        json.putNull("original_registrar");
        json.putNull("original_dnshost");
        json.put("created_on", created).put("modified_on", created).put("activated_on", created);
        json.putObject("meta").put("step", 4).put("phishing_detected", false);
        json.putObject("owner").putNull("id").put("type", "organization").putNull("email");
        json.putObject("account").put("id", zone.accountId()).put("name", zone.accountId());
        return json;
    }

    /** A route: its {@code script} is empty for a route that exempts its requests from broader routes. */
    static ObjectNode route(RouteRecord route) {
        return Envelope.object().put("id", route.id()).put("pattern", route.pattern()).put("script", route.script());
    }
}
