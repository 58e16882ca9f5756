package dev.corral.platform.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.runtime.WorkerScript;
import dev.corral.storage.ScriptKey;
import java.util.Map;

/**
 * A script version ready to serve: the runtime's view of it, the limits its metadata sets, and its Fetcher-type
 * bindings' configuration by binding name (service and dispatch-namespace bindings resolve through these).
 *
 * @param cpuMillis   the metadata's {@code limits.cpu_ms}, or 0 when unset.
 * @param subrequests the metadata's {@code limits.subrequests}, or -1 when unset.
 */
public record LiveScript(ScriptKey key, WorkerScript worker, long cpuMillis, int subrequests, Map<String, JsonNode> fetcherBindings) {
    public LiveScript {
        fetcherBindings = Map.copyOf(fetcherBindings);
    }
}
