package dev.corral.platform.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.runtime.BindingHost;
import dev.corral.runtime.Egress;
import dev.corral.runtime.FetchTarget;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.Limits;
import dev.corral.runtime.WorkerError;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves one script's Fetcher bindings: service bindings to the account's plain scripts, and dispatch-namespace
 * bindings to user workers in that namespace. The descriptor comes from the worker's own JS, so only bindings this
 * script was given resolve, and only within its own account.
 */
final class ScriptBindings implements BindingHost {
    static final String NOT_FOUND = "Worker not found.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatch dispatch;
    private final LiveScript script;

    ScriptBindings(Dispatch dispatch, LiveScript script) {
        this.dispatch = dispatch;
        this.script = script;
    }

    @Override
    public FetchTarget resolve(String descriptorJson) {
        JsonNode descriptor = parse(descriptorJson);
        JsonNode binding = script.fetcherBindings().get(descriptor.path("binding").asText());
        if (binding == null) throw new IllegalArgumentException("This worker has no such binding.");
        return switch (binding.path("type").asText()) {
            case "service" -> service(binding.path("service").asText());
            case "dispatch_namespace" -> userWorker(binding, descriptor.path("script").asText(), descriptor.path("options"));
            default -> throw new IllegalArgumentException("This binding is not a Fetcher.");
        };
    }

    /**
     * A service binding: the callee runs with its own limits but the caller's egress, so an outbound worker that
     * watches a user worker also sees the fetches of the services it calls.
     */
    private FetchTarget service(String name) {
        LiveScript callee = dispatch.live(ScriptKey.plain(script.key().accountId(), name))
                .orElseThrow(() -> new IllegalArgumentException(NOT_FOUND));
        return (request, caller) -> call(callee, request, caller,
                dispatch.defaults().lowerTo(callee.cpuMillis(), callee.subrequests()), caller.egress(), caller.request().cf(), null);
    }

    /**
     * A user worker from a dispatch namespace, with the lower of its own and the dispatcher's limits, the namespace's
     * trust, and the binding's outbound worker (given the dispatcher's parameters) in front of its egress.
     */
    private FetchTarget userWorker(JsonNode binding, String name, JsonNode options) {
        NamespaceRecord namespace = dispatch.namespace(script.key().accountId(), binding.path("namespace").asText())
                .orElseThrow(() -> new IllegalArgumentException(NOT_FOUND));
        LiveScript callee = dispatch.live(new ScriptKey(script.key().accountId(), namespace.id(), name))
                .orElseThrow(() -> new IllegalArgumentException(NOT_FOUND));
        JsonNode requested = options.path("limits");
        Limits limits = dispatch.defaults().lowerTo(callee.cpuMillis(), callee.subrequests())
                .lowerTo(requested.path("cpuMs").asLong(0), subrequests(requested));
        Egress egress = outbound(binding.path("outbound"), options.path("outbound"), namespace);
        return (request, caller) -> call(callee, request, caller, limits, egress,
                namespace.trustedWorkers() ? caller.request().cf() : null, null);
    }

    /** The dispatcher may spell it {@code subRequests} (the types) or {@code subrequests} (older docs). */
    private static int subrequests(JsonNode limits) {
        JsonNode value = limits.has("subRequests") ? limits.get("subRequests") : limits.get("subrequests");
        return value != null && value.canConvertToInt() ? value.asInt() : -1;
    }

    private Egress outbound(JsonNode outbound, JsonNode arguments, NamespaceRecord namespace) {
        String service = outbound.path("worker").path("service").asText("");
        if (service.isEmpty()) return namespace.egressAllowed() ? dispatch.network() : DeniedEgress.INSTANCE;
        // Only the parameters the binding declares reach the outbound worker, as on Cloudflare.
        ObjectNode params = JSON.createObjectNode();
        for (JsonNode param : outbound.path("params")) {
            String paramName = param.path("name").asText();
            if (arguments.has(paramName)) params.set(paramName, arguments.get(paramName));
        }
        return new OutboundEgress(dispatch, ScriptKey.plain(script.key().accountId(), service), params.toString());
    }

    private CompletableFuture<dev.corral.runtime.http.WorkerResponse> call(LiveScript callee, WorkerRequest request, Invocation caller,
                                                                       Limits limits, Egress egress, String cf, String envOverlay) {
        WorkerRequest forwarded = new WorkerRequest(request.method(), request.url(), request.headers(), request.body(), cf);
        Invocation invocation = dispatch.invoke(callee, forwarded, limits, egress, caller.depth() + 1, envOverlay);
        return invocation.response().whenComplete((response, error) -> {
            if (error instanceof WorkerError w && w.isResourceLimit()) caller.recordCalleeLimitFailure(w);
        });
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed binding descriptor");
        }
    }
}
