package dev.corral.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.NamespaceChange;
import dev.corral.platform.control.NamespaceView;
import java.util.List;

/** {@code /accounts/{account_id}/workers/dispatch/namespaces[/{dispatch_namespace}]}. */
public final class NamespaceEndpoints implements Endpoints {
    static final String PATH = "/accounts/{account_id}/workers/dispatch/namespaces";

    private final ControlPlane control;

    public NamespaceEndpoints(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void register(Router router) {
        router.route("POST", PATH, this::create)
                .route("GET", PATH, this::list)
                .route("GET", PATH + "/{dispatch_namespace}", this::get)
                .route("PUT", PATH + "/{dispatch_namespace}", this::update)
                .route("DELETE", PATH + "/{dispatch_namespace}", this::delete);
    }

    /** Body {@code {"name"?, "trusted_workers"?, "corral_egress"?}}; no body or no name generates a name. */
    private ApiResponse create(ApiCall call) {
        NamespaceChange spec = call.request().body().length == 0 ? NamespaceChange.named(null) : change(call.jsonBody());
        return Envelope.ok(ApiJson.namespace(control.namespaces().create(call.accountId(), spec)));
    }

    private ApiResponse list(ApiCall call) {
        List<NamespaceView> namespaces = control.namespaces().list(call.accountId());
        ArrayNode result = Envelope.array();
        namespaces.forEach(ns -> result.add(ApiJson.namespace(ns)));
        return Envelope.okList(result, Envelope.object().put("page", 1).put("per_page", namespaces.size())
                .put("total_pages", 1).put("count", namespaces.size()).put("total_count", namespaces.size()));
    }

    private ApiResponse get(ApiCall call) {
        return Envelope.ok(ApiJson.namespace(control.namespaces().get(call.accountId(), call.param("dispatch_namespace"))));
    }

    /** Rename with {@code {"name": new}}; set flags with {@code trusted_workers} and {@code corral_egress}. */
    private ApiResponse update(ApiCall call) {
        NamespaceView updated = control.namespaces().update(call.accountId(), call.param("dispatch_namespace"),
                change(call.jsonBody()));
        return Envelope.ok(ApiJson.namespace(updated));
    }

    private ApiResponse delete(ApiCall call) {
        control.namespaces().delete(call.accountId(), call.param("dispatch_namespace"));
        return Envelope.ok(null);
    }

    private static NamespaceChange change(JsonNode body) {
        if (!body.isObject()) {
            throw PlatformException.invalid(10021, "The body must be a JSON object");
        }
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw PlatformException.invalid(10021, "name must be a string");
        }
        JsonNode trusted = body.get("trusted_workers");
        if (trusted != null && !trusted.isNull() && !trusted.isBoolean()) {
            throw PlatformException.invalid(10021, "trusted_workers must be true or false");
        }
        JsonNode egress = body.get("corral_egress");
        Boolean egressAllowed = null;
        if (egress != null && !egress.isNull()) {
            egressAllowed = switch (egress.asText()) {
                case "allow" -> true;
                case "deny" -> false;
                default -> throw PlatformException.invalid(10021, "corral_egress must be \"allow\" or \"deny\"");
            };
        }
        return new NamespaceChange(name == null || name.isNull() || name.asText().isEmpty() ? null : name.asText(),
                trusted == null || trusted.isNull() ? null : trusted.asBoolean(), egressAllowed);
    }
}
