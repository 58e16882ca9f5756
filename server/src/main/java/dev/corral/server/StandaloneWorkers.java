package dev.corral.server;

import dev.corral.runtime.BindingHost;
import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.Limits;
import dev.corral.runtime.WorkerRuntime;
import dev.corral.runtime.WorkerScript;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Workers given on the command line ({@code --worker NAME=FILE}), outside the platform: no bindings, no control plane.
 * A request that matches no route goes to the one named by the first label of its Host, else to the first one. Handy
 * for trying a worker and for the runtime's own tests.
 */
final class StandaloneWorkers {
    private final Map<String, WorkerScript> workers = new LinkedHashMap<>();
    private final WorkerRuntime runtime;
    private final Egress egress;
    private final Limits limits;
    private final InvocationLog log;

    StandaloneWorkers(Map<String, Path> files, WorkerRuntime runtime, Egress egress, Limits limits, InvocationLog log) {
        files.forEach((name, file) -> workers.put(name, WorkerFiles.load(name, file)));
        this.runtime = runtime;
        this.egress = egress;
        this.limits = limits;
        this.log = log;
    }

    /** Serves the request, or empty when there are no standalone workers. */
    Optional<CompletableFuture<WorkerResponse>> handle(WorkerRequest request, String host) {
        if (workers.isEmpty()) return Optional.empty();
        String firstLabel = host.split("[.:]", 2)[0];
        WorkerScript worker = workers.getOrDefault(firstLabel, workers.values().iterator().next());
        Invocation invocation = runtime.isolate(worker, () -> BindingHost.NONE).fetch(request, limits, egress, 0, null);
        invocation.finished().thenAccept(outcome -> log.finished("", worker.id(), invocation, outcome));
        return Optional.of(invocation.response());
    }
}
