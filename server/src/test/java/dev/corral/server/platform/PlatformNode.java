package dev.corral.server.platform;

import dev.corral.server.CorralNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A real node set up as a platform is, through its management API only: dispatch namespaces, a dispatcher deployed as
 * a plain script, a zone whose {@code *}{@code /*} route sends every request to the dispatcher, and user workers. Requests
 * reach it on the public listener with a {@code Host} header, as they would through DNS.
 */
final class PlatformNode implements AutoCloseable {
    static final String ZONE = "platform.test";
    static final String DISPATCHER = "dispatcher";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CorralNode node;
    private final CloudflareApi api;

    private PlatformNode(CorralNode node, CloudflareApi api) {
        this.node = node;
        this.api = api;
    }

    static PlatformNode start(String... serveArgs) throws Exception {
        CorralNode node = CorralNode.start(serveArgs);
        try {
            return new PlatformNode(node, new CloudflareApi(node.apiBase(), node.apiToken(), node.accountId()));
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    CloudflareApi api() {
        return api;
    }

    CorralNode node() {
        return node;
    }

    /** The public listener's origin, e.g. {@code http://127.0.0.1:40123}: an address a worker can fetch. */
    String frontDoor() {
        return node.http().toString().replaceAll("/+$", "");
    }

    String admin() {
        return node.admin().toString().replaceAll("/+$", "");
    }

    /**
     * Deploys the test dispatcher ({@code platform/dispatcher.js}) with the given bindings and routes the zone's every
     * host and path to it.
     */
    void deployDispatcher(String... bindings) {
        deployPlainScript(DISPATCHER, TestWorkers.modules("dispatcher.js"), bindings);
        route(ZONE, "*/*", DISPATCHER);
    }

    /** Deploys a plain script whose first module is its main module, with the given bindings. */
    void deployPlainScript(String script, List<WranglerForm.Module> modules, String... bindings) {
        api.uploadPlainScript(script, TestWorkers.metadata(modules.get(0).name(), "[" + String.join(",", bindings) + "]", ""),
                modules).requireSuccess();
    }

    /** Creates the zone and a route in it from {@code pattern} to the plain script. */
    void route(String zone, String pattern, String script) {
        api.createRoute(api.createZone(zone), pattern, script);
    }

    /** Deploys one file of platform/ as a user worker, with the given metadata. */
    ApiAnswer deployTenant(String namespace, String script, String file, String metadata) {
        return api.uploadUserWorker(namespace, script, metadata, TestWorkers.modules(file));
    }

    /** A request to {@code host} (a tenant's {@code <name>.platform.test}, say) on the public listener. */
    HttpRequest.Builder request(String host, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(frontDoor() + pathAndQuery))
                .header("Host", host)
                .timeout(Duration.ofSeconds(60));
    }

    /** The host under which the dispatcher finds a tenant by subdomain. */
    static String hostOf(String tenant) {
        return tenant + "." + ZONE;
    }

    /** GET {@code pathAndQuery} from the tenant's subdomain, with header pairs such as {@code "x-limits", "{...}"}. */
    HttpResponse<String> get(String tenant, String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(hostOf(tenant), pathAndQuery);
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient client() {
        return CLIENT;
    }

    /** True when the node process answers its health check. */
    boolean healthy() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(admin() + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<String> output() {
        return node.output();
    }

    @Override
    public void close() {
        node.close();
    }
}
