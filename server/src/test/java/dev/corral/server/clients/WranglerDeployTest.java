package dev.corral.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.server.CorralNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform deployed with wrangler, as a customer of Cloudflare would: a dispatcher on the zone's catch-all
 * route, an outbound worker, and user workers deployed into the namespace; then real requests to the public listener.
 */
class WranglerDeployTest {
    private static final String NAMESPACE = "tenants";
    private static final String ZONE = "example.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern VERSION_ID = Pattern.compile("Current Version ID: [0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

    private static EchoServer upstream;
    private static CorralNode node;
    private static CorralApi api;
    private static Cli cli;
    private static String zoneId;
    private static Cli.Result dispatcherDeploy;
    private static Cli.Result outboundDeploy;

    @BeforeAll
    static void deployThePlatform() throws Exception {
        Clients.requireInstalled();
        upstream = new EchoServer();
        node = CorralNode.start("--allow-private-egress");
        api = new CorralApi(node);
        cli = Cli.against(node, Files.createTempDirectory("corral-wrangler-deploy-"));
        api.post(api.namespaces(), Map.of("name", NAMESPACE)).ok();
        zoneId = api.post("/zones", Map.of("name", ZONE, "account", Map.of("id", node.accountId()))).ok().path("id").asText();

        dispatcherDeploy = cli.wrangler(dispatcher(1).dir(), "deploy").succeeded();
        outboundDeploy = cli.wrangler(outbound().dir(), "deploy").succeeded();
    }

    @AfterAll
    static void stopAll() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    @Test
    void wranglerDeploysTheDispatcherWithItsRouteOnTheZoneAndItsNamespaceBinding() throws Exception {
        assertTrue(dispatcherDeploy.output().contains("*/*"), "wrangler names the route it deployed: " + dispatcherDeploy);

        JsonNode routes = api.get("/zones/" + zoneId + "/workers/routes").ok();
        assertTrue(contains(routes, route -> "*/*".equals(route.path("pattern").asText())
                && "dispatcher".equals(route.path("script").asText())), routes.toString());

        JsonNode bindings = api.get(api.account("/workers/scripts/dispatcher/settings")).ok().path("bindings");
        JsonNode binding = find(bindings, "DISPATCHER");
        assertEquals("dispatch_namespace", binding.path("type").asText(), bindings.toString());
        assertEquals(NAMESPACE, binding.path("namespace").asText(), bindings.toString());
        assertEquals("outbound", binding.path("outbound").path("worker").path("service").asText(), bindings.toString());
        assertEquals("customer", binding.path("outbound").path("params").path(0).path("name").asText(), bindings.toString());
    }

    @Test
    void wranglerDeploysTheOutboundWorkerAsAnAccountScript() throws Exception {
        assertTrue(VERSION_ID.matcher(outboundDeploy.output()).find(), outboundDeploy.toString());
        JsonNode settings = api.get(api.account("/workers/scripts/outbound/settings")).ok();
        assertEquals("2025-01-01", settings.path("compatibility_date").asText(), settings.toString());
    }

    @Test
    void aUserWorkerDeployedIntoTheNamespaceSeesItsVarsJsonVarTextModuleAndSecretThroughTheDispatcher() throws Exception {
        WorkerProject alpha = tenant("alpha", 1);

        Cli.Result deployed = deployTenant(alpha);

        assertTrue(VERSION_ID.matcher(deployed.output()).find(), "wrangler prints the version id the API gave: " + deployed);
        HttpResponse<String> response = visit("alpha", "/");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("alpha", response.headers().firstValue("x-dispatched-to").orElse(null), "the dispatcher handled it");
        JsonNode seen = CorralApi.JSON.readTree(response.body());
        assertEquals(1, seen.path("version").asInt());
        assertEquals("banner of alpha", seen.path("banner").asText());
        assertEquals("hello from vars", seen.path("greeting").asText());
        assertEquals("free", seen.path("plan").asText());
        assertEquals("[1,2]", seen.path("limits").toString());
        assertEquals("s3cr3t-alpha", seen.path("secret").asText());

        JsonNode bindings = api.get(api.script(NAMESPACE, "alpha") + "/bindings").ok();
        assertEquals("hello from vars", find(bindings, "GREETING").path("text").asText(), bindings.toString());
        assertEquals("json", find(bindings, "CONFIG").path("type").asText(), bindings.toString());
        assertEquals("free", find(bindings, "CONFIG").path("json").path("plan").asText(), bindings.toString());
        assertEquals("secret_text", find(bindings, "API_KEY").path("type").asText(), bindings.toString());
        assertFalse(find(bindings, "API_KEY").has("text"), "a secret's value is never read back: " + bindings);
    }

    @Test
    void redeployingAUserWorkerServesTheNewCodeOnTheNextRequestAndKeepsItsSecret() throws Exception {
        WorkerProject beta = tenant("beta", 1);
        deployTenant(beta);
        assertEquals(1, CorralApi.JSON.readTree(visit("beta", "/").body()).path("version").asInt());

        beta.file("src/index.js", tenantCode(2));
        cli.wrangler(beta.dir(), "deploy", "--dispatch-namespace", NAMESPACE).succeeded();

        HttpResponse<String> response = visit("beta", "/");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode seen = CorralApi.JSON.readTree(response.body());
        assertEquals(2, seen.path("version").asInt(), response.body());
        assertEquals("s3cr3t-beta", seen.path("secret").asText(), "a deploy that does not mention a secret keeps it");
    }

    @Test
    void aFetchMadeByAUserWorkerGoesThroughTheOutboundWorkerWithTheDispatchersParameters() throws Exception {
        deployTenant(tenant("gamma", 1));
        int before = upstream.received().size();

        HttpResponse<String> response = visit("gamma", "/upstream");

        assertEquals(200, response.statusCode(), response.body());
        List<ObjectNode> arrived = upstream.received().subList(before, upstream.received().size());
        assertEquals(1, arrived.size(), "one request reached the upstream: " + arrived);
        JsonNode request = arrived.getFirst();
        assertEquals("/echo", request.path("path").asText(), request.toString());
        assertTrue(request.path("query").asText().contains("from=user"), "the user worker's own query survives: " + request);
        assertTrue(request.path("query").asText().contains("via=outbound"), "the outbound worker rewrote the URL: " + request);
        assertEquals("gamma", request.path("headers").path("x-outbound-customer").asText(),
                "the outbound worker saw the dispatcher's parameter as env.customer: " + request);
        assertEquals(request, CorralApi.JSON.readTree(response.body()), "the upstream's answer came back to the client");
    }

    @Test
    void redeployingTheDispatcherWithWranglerServesItsNewVersionOnTheSameRoute() throws Exception {
        deployTenant(tenant("delta", 1));
        assertEquals("1", visit("delta", "/").headers().firstValue("x-dispatcher-version").orElse(null));

        // A second deploy of a plain worker takes wrangler's other path: versions, deployments and script-settings.
        Cli.Result redeployed = cli.wrangler(dispatcher(2).dir(), "deploy").succeeded();

        assertTrue(VERSION_ID.matcher(redeployed.output()).find(), redeployed.toString());
        HttpResponse<String> response = visit("delta", "/");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("2", response.headers().firstValue("x-dispatcher-version").orElse(null), response.headers().map().toString());
        JsonNode routes = api.get("/zones/" + zoneId + "/workers/routes").ok();
        assertEquals(1, routes.size(), "the route is kept, not added twice: " + routes);
    }

    @Test
    void aHostWithNoUserWorkerGetsTheDispatchersNotFoundAnswer() throws Exception {
        HttpResponse<String> response = visit("nobody", "/");

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("no tenant nobody", response.body());
    }

    private static HttpResponse<String> visit(String tenant, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.http().resolve(path))
                .header("Host", tenant + "." + ZONE)
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Cli.Result deployTenant(WorkerProject project) throws IOException, InterruptedException {
        return cli.wrangler(project.dir(), "deploy", "--dispatch-namespace", NAMESPACE, "--secrets-file", "secrets.json").succeeded();
    }

    private static WorkerProject dispatcher(int version) throws IOException {
        return WorkerProject.create("dispatcher")
                .wranglerToml("""
                        name = "dispatcher"
                        main = "src/index.js"
                        compatibility_date = "2025-01-01"
                        workers_dev = false
                        routes = [{ pattern = "*/*", zone_name = "%s" }]

                        [[dispatch_namespaces]]
                        binding = "DISPATCHER"
                        namespace = "%s"
                        outbound = { service = "outbound", parameters = ["customer"] }
                        """.formatted(ZONE, NAMESPACE))
                .file("src/index.js", """
                        // Routes <tenant>.example.test to the user worker named <tenant>, telling the outbound worker who it is.
                        export default {
                          async fetch(request, env) {
                            const tenant = new URL(request.url).hostname.split(".")[0];
                            try {
                              const worker = env.DISPATCHER.get(tenant, {}, { outbound: { customer: tenant } });
                              const response = await worker.fetch(request);
                              const tagged = new Response(response.body, response);
                              tagged.headers.set("x-dispatched-to", tenant);
                              tagged.headers.set("x-dispatcher-version", "%d");
                              return tagged;
                            } catch (e) {
                              if (String(e.message).startsWith("Worker not found")) {
                                return new Response("no tenant " + tenant, { status: 404 });
                              }
                              return new Response("dispatch failed: " + e.message, { status: 500 });
                            }
                          },
                        };
                        """.formatted(version));
    }

    private static WorkerProject outbound() throws IOException {
        return WorkerProject.create("outbound")
                .wranglerToml("""
                        name = "outbound"
                        main = "src/index.js"
                        compatibility_date = "2025-01-01"
                        workers_dev = false
                        """)
                .file("src/index.js", """
                        // Marks every subrequest of a user worker, so the upstream can tell it passed through here.
                        export default {
                          async fetch(request, env) {
                            const url = new URL(request.url);
                            url.searchParams.set("via", "outbound");
                            const headers = new Headers(request.headers);
                            headers.set("x-outbound-customer", env.customer);
                            return fetch(url.toString(), { method: request.method, headers });
                          },
                        };
                        """);
    }

    /** A user worker with a var, a JSON var, a text module picked by a custom rule, and a secret from a secrets file. */
    private static WorkerProject tenant(String name, int version) throws IOException {
        return WorkerProject.create(name)
                .wranglerToml("""
                        name = "%s"
                        main = "src/index.js"
                        compatibility_date = "2025-01-01"

                        [vars]
                        GREETING = "hello from vars"
                        UPSTREAM = "%s"
                        CONFIG = { plan = "free", limits = [1, 2] }

                        [[rules]]
                        type = "Text"
                        globs = ["**/*.tmpl"]
                        fallthrough = true
                        """.formatted(name, upstream.origin()))
                .file("src/banner.tmpl", "banner of " + name + "\n")
                .file("src/index.js", tenantCode(version))
                .json("secrets.json", Map.of("API_KEY", "s3cr3t-" + name));
    }

    private static String tenantCode(int version) {
        return """
                import banner from "./banner.tmpl";

                export default {
                  async fetch(request, env) {
                    if (new URL(request.url).pathname === "/upstream") {
                      const answer = await fetch(env.UPSTREAM + "/echo?from=user");
                      return new Response(await answer.text(), {
                        status: answer.status,
                        headers: { "content-type": "application/json" },
                      });
                    }
                    const seen = {
                      version: %d,
                      banner: banner.trim(),
                      greeting: env.GREETING,
                      plan: env.CONFIG.plan,
                      limits: env.CONFIG.limits,
                      secret: env.API_KEY ?? null,
                    };
                    return new Response(JSON.stringify(seen), { headers: { "content-type": "application/json" } });
                  },
                };
                """.formatted(version);
    }

    private static JsonNode find(JsonNode bindings, String name) {
        for (JsonNode binding : bindings) {
            if (name.equals(binding.path("name").asText())) return binding;
        }
        throw new AssertionError("no binding " + name + " in " + bindings);
    }

    private static boolean contains(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode item : array) {
            if (test.test(item)) return true;
        }
        return false;
    }
}
