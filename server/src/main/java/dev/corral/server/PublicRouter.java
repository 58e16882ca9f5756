package dev.corral.server;

import dev.corral.platform.routing.LiveRouteTable;
import dev.corral.platform.serve.Dispatch;
import dev.corral.runtime.http.Body;
import dev.corral.runtime.http.HeaderList;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import dev.corral.storage.ScriptKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The public listener's router: a request goes to the plain script its zone's routes name (typically the platform's
 * dispatcher on {@code *}{@code /*}), else to a standalone worker, else it gets a 404.
 *
 * <p>Matching takes no lock: the live route table swaps in a new immutable table when an account's routes change.
 */
final class PublicRouter implements FrontDoor.Handler {
    private final LiveRouteTable routes;
    private final Dispatch dispatch;
    private final StandaloneWorkers standalone;

    PublicRouter(LiveRouteTable routes, Dispatch dispatch, StandaloneWorkers standalone) {
        this.routes = routes;
        this.dispatch = dispatch;
        this.standalone = standalone;
    }

    @Override
    public CompletableFuture<WorkerResponse> handle(WorkerRequest request) {
        URI url = URI.create(request.url());
        String host = url.getRawAuthority() == null ? "" : url.getRawAuthority();
        String pathAndQuery = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Optional<ScriptKey> script = routes.match(url.getScheme(), host, pathAndQuery);
        if (script.isPresent()) return dispatch.serve(script.get(), request, Dispatch.depthOf(request.headers()));
        return standalone.handle(request, host).orElseGet(() -> CompletableFuture.completedFuture(noRoute()));
    }

    private static WorkerResponse noRoute() {
        byte[] body = "No worker is routed for this host and path.\n".getBytes(StandardCharsets.UTF_8);
        HeaderList headers = HeaderList.builder().add("content-type", "text/plain; charset=utf-8").build();
        return new WorkerResponse(404, "Not Found", headers, Body.of(body));
    }
}
