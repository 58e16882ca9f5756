package dev.corral.platform.serve;

import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.util.concurrent.CompletableFuture;

/** The egress of user workers in a namespace whose policy denies the network and whose dispatcher names no outbound worker. */
enum DeniedEgress implements Egress {
    INSTANCE;

    @Override
    public CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller) {
        return CompletableFuture.failedFuture(new IllegalStateException("Network access is not allowed for this worker."));
    }
}
