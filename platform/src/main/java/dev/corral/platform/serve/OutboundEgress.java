package dev.corral.platform.serve;

import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import dev.corral.storage.ScriptKey;
import java.util.concurrent.CompletableFuture;

/**
 * A user worker's egress when its dispatcher names an outbound worker: every {@code fetch()} becomes a fetch event in
 * the outbound worker, whose {@code env} carries the dispatcher's parameters. The outbound worker's own fetches go to
 * the network and are not intercepted again. The outbound worker is looked up at each call, so a new deploy of it
 * takes effect at once.
 */
final class OutboundEgress implements Egress {
    private final Dispatch dispatch;
    private final ScriptKey outbound;
    private final String paramsJson;

    OutboundEgress(Dispatch dispatch, ScriptKey outbound, String paramsJson) {
        this.dispatch = dispatch;
        this.outbound = outbound;
        this.paramsJson = paramsJson;
    }

    @Override
    public CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller) {
        return dispatch.live(outbound)
                .map(script -> dispatch.invoke(script, request, dispatch.defaults().lowerTo(script.cpuMillis(), script.subrequests()),
                        dispatch.network(), caller.depth() + 1, paramsJson).response())
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new IllegalStateException("The outbound worker '" + outbound.name() + "' is not deployed.")));
    }
}
