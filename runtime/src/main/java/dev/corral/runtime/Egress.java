package dev.corral.runtime;

import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Where a worker's {@code fetch()} goes: one hop, no redirects (the JS layer follows them, counting each as a
 * subrequest). The platform decides what stands here: the real network, or an outbound worker in front of it.
 */
@FunctionalInterface
public interface Egress {
    CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller);
}
