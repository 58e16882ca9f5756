package dev.corral.platform.serve;

import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.http.HeaderList;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The network, with each request marked by how deep in a chain of workers it was made ({@code cf-ew-via}, as
 * Cloudflare does). A worker that fetches its own platform's public URL comes back through the front door, which reads
 * the mark, so a loop through the network still stops at the depth limit.
 */
final class LoopTaggedEgress implements Egress {
    static final String HEADER = "cf-ew-via";

    private final Egress network;

    LoopTaggedEgress(Egress network) {
        this.network = network;
    }

    @Override
    public CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller) {
        HeaderList headers = request.headers().with(HEADER, Integer.toString(caller.depth() + 1));
        return network.fetch(new WorkerRequest(request.method(), request.url(), headers, request.body(), null), caller);
    }

    /** The depth a request arriving at the front door starts at: what its {@code cf-ew-via} says, or 0. */
    public static int depthOf(HeaderList headers) {
        String value = headers.get(HEADER);
        if (value == null) return 0;
        try {
            return Math.max(0, Math.min(Dispatch.MAX_DEPTH, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
