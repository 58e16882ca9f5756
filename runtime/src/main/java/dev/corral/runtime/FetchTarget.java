package dev.corral.runtime;

import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The host side of a Fetcher binding (a service binding, a dispatcher's user worker, an assets binding). The binding
 * layer resolves a binding name plus optional JSON arguments to one of these; calling it is one hop into another
 * isolate or a host service.
 */
@FunctionalInterface
public interface FetchTarget {
    CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller);
}
