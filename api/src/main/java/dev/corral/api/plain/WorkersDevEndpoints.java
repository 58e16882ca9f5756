package dev.corral.api.plain;

import dev.corral.api.ApiCall;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.Router;
import dev.corral.platform.control.ControlPlane;

/**
 * The workers.dev subdomain calls {@code wrangler deploy} makes after every upload. Corral has no workers.dev: a plain
 * script is reached through its routes. The account's subdomain reads {@code corral}, and a script's workers.dev and
 * preview URLs are always off; enabling them is accepted and stores nothing, so the answer tells the client they stay
 * off.
 */
public final class WorkersDevEndpoints implements Endpoints {
    private static final String SUBDOMAIN = "corral";

    private final ControlPlane control;

    public WorkersDevEndpoints(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void register(Router router) {
        router.route("GET", "/accounts/{account_id}/workers/subdomain", this::accountSubdomain)
                .route("PUT", "/accounts/{account_id}/workers/subdomain", this::accountSubdomain)
                .route("GET", PlainScriptEndpoints.SCRIPT + "/subdomain", this::scriptSubdomain)
                .route("POST", PlainScriptEndpoints.SCRIPT + "/subdomain", this::scriptSubdomain);
    }

    /** A PUT that asks for another name gets {@code corral} too: there is no workers.dev name to choose. */
    private ApiResponse accountSubdomain(ApiCall call) {
        return Envelope.ok(Envelope.object().put("subdomain", SUBDOMAIN));
    }

    private ApiResponse scriptSubdomain(ApiCall call) {
        control.scripts().script(PlainScriptEndpoints.key(call));
        return Envelope.ok(Envelope.object().put("enabled", false).put("previews_enabled", false));
    }
}
