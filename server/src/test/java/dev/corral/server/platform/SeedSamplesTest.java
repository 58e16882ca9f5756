package dev.corral.server.platform;

import static dev.corral.server.platform.TestWorkers.metadata;
import static dev.corral.server.platform.TestWorkers.seed;
import static dev.corral.server.platform.TestWorkers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.server.platform.WranglerForm.Module;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The code samples of the product's source documents (src/test/resources/seeds, whose README says what each needs) run
 * on a node as printed: deployed through the API, reached through routes, dispatching to user workers and outbound
 * workers. TypeScript samples have their types stripped by esbuild first, as wrangler would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedSamplesTest {
    private static final String PLAIN_TENANTS = "seeds-plain";
    private static final String SEED000_TENANTS = "seeds-000";
    private static final String SEED001_TENANTS = "seeds-001";
    private static final String SEED004_OUTBOUND_TENANTS = "seeds-004-outbound";
    private static final String SEED001_OUTBOUND = "seed001-outbound";

    private PlatformNode platform;
    private UpstreamEcho upstream;
    private Optional<Esbuild> esbuild;

    @BeforeAll
    void deployTheSamples() throws Exception {
        esbuild = Esbuild.find();
        upstream = UpstreamEcho.start();
        platform = PlatformNode.start("--allow-private-egress");
        CloudflareApi api = platform.api();
        for (String namespace : List.of(PLAIN_TENANTS, SEED000_TENANTS, SEED001_TENANTS, SEED004_OUTBOUND_TENANTS)) {
            api.createNamespace(namespace);
        }
        platform.deployTenant(PLAIN_TENANTS, "customer-1", "hello.js", metadata("hello.js", "[" + text("TENANT", "customer-1") + "]", ""))
                .requireSuccess();
        for (String tenant : List.of("api", "shop")) {
            platform.deployTenant(SEED000_TENANTS, tenant, "fetcher.js", metadata("fetcher.js")).requireSuccess();
        }
        platform.deployTenant(SEED001_TENANTS, "shop", "fetcher.js", metadata("fetcher.js")).requireSuccess();
        platform.deployTenant(SEED004_OUTBOUND_TENANTS, "fetcher", "fetcher.js", metadata("fetcher.js")).requireSuccess();

        platform.deployPlainScript(SEED001_OUTBOUND, List.of(
                Module.esm("seed001-outbound-main.js", TestWorkers.source("seed001-outbound-main.js")),
                Module.esm("seed-jwt.js", TestWorkers.source("seed-jwt.js")),
                Module.esm("seed001-outbound.js", seed("seed001-outbound.js"))));
        platform.deployPlainScript("seed000", List.of(Module.esm("seed000-dispatcher.js", withoutStrayBrace(seed("seed000-dispatcher.js")))),
                outboundBinding("dispatcher", SEED000_TENANTS, SEED001_OUTBOUND, "customer_name", "url"));
        platform.route("example.com", "*.example.com/*", "seed000");
        platform.deployPlainScript("seed001", List.of(Module.esm("seed001-dispatcher.js", seed("seed001-dispatcher.js"))),
                outboundBinding("dispatcher", SEED001_TENANTS, SEED001_OUTBOUND, "params_object"));
        platform.route("seed001.test", "*.seed001.test/*", "seed001");
        platform.deployPlainScript("seed003", List.of(Module.esm("seed003-dispatcher.js", seed("seed003-dispatcher.js"))),
                TestWorkers.dispatchNamespace("DISPATCHER", PLAIN_TENANTS));
        platform.route("seed003.test", "*.seed003.test/*", "seed003");
        if (esbuild.isPresent()) deployTypeScriptSamples();
    }

    private void deployTypeScriptSamples() throws Exception {
        Esbuild strip = esbuild.orElseThrow();
        platform.deployPlainScript("seed004-subdomain",
                List.of(Module.esm("seed004-dispatcher-subdomain.js", strip.stripTypes(seed("seed004-dispatcher-subdomain.ts")))),
                TestWorkers.dispatchNamespace("DISPATCHER", PLAIN_TENANTS));
        platform.route("seed004.test", "*.seed004.test/*", "seed004-subdomain");
        String pathDispatcher = seed("seed004-path-wrapper.js").replace("    /* seed004-dispatcher-path.ts */\n", seed("seed004-dispatcher-path.ts"));
        platform.deployPlainScript("seed004-path", List.of(Module.esm("seed004-dispatcher-path.js", strip.stripTypes(pathDispatcher))),
                TestWorkers.dispatchNamespace("DISPATCHER", PLAIN_TENANTS));
        platform.route("seed004-path.test", "seed004-path.test/*", "seed004-path");
        platform.deployPlainScript("seed004-outbound", List.of(Module.esm("seed004-outbound.js", strip.stripTypes(seed("seed004-outbound.ts")))));
        platform.deployDispatcher(outboundBinding("DISPATCHER", SEED004_OUTBOUND_TENANTS, "seed004-outbound", "customerId"));
    }

    @AfterAll
    void stop() {
        if (platform != null) platform.close();
        if (upstream != null) upstream.close();
    }

    /** Seed 000 has one closing brace too many; its README says which line to drop to run the pattern. */
    private static String withoutStrayBrace(String source) {
        List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
        int url = lines.indexOf(lines.stream().filter(line -> line.trim().equals("url: request.url}")).findFirst().orElseThrow());
        if (!lines.get(url + 1).trim().equals("}")) throw new IllegalStateException("seed 000 is not as its README describes");
        lines.remove(url + 1);
        return String.join("\n", lines);
    }

    private static String outboundBinding(String name, String namespace, String outbound, String... params) {
        StringBuilder declared = new StringBuilder();
        for (String param : params) declared.append(declared.isEmpty() ? "" : ",").append("{\"name\":\"").append(param).append("\"}");
        return "{\"type\":\"dispatch_namespace\",\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\",\"outbound\":"
                + "{\"worker\":{\"service\":\"" + outbound + "\"},\"params\":[" + declared + "]}}";
    }

    private void requireEsbuild() {
        if (esbuild.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("esbuild is needed for the TypeScript samples: run clients/install");
        }
        Assumptions.assumeTrue(esbuild.isPresent(),
                "skipped: no esbuild to strip the TypeScript samples' types (run clients/install, or put esbuild on the PATH)");
    }

    private HttpResponse<String> get(String host, String pathAndQuery) throws Exception {
        return platform.send(platform.request(host, pathAndQuery).build());
    }

    /** Has the user worker behind {@code host} fetch {@code url}, and answers the one outcome. */
    private JsonNode fetchFrom(String host, String url) throws Exception {
        HttpResponse<String> response = get(host, "/?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return CloudflareApi.JSON.readTree(response.body()).get(0);
    }

    private static String unique(String prefix) {
        return "/" + prefix + "-" + UUID.randomUUID();
    }

    @Test
    void seed000sDispatcherAsPrintedIsRefusedForItsSyntaxErrorAndNothingIsStored() {
        CloudflareApi api = platform.api();
        ApiAnswer refused = api.uploadPlainScript("seed000-as-printed", metadata("seed000-dispatcher.js"),
                List.of(Module.esm("seed000-dispatcher.js", seed("seed000-dispatcher.js"))));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals(10021, refused.errorCode(), refused.toString());
        assertTrue(refused.errorMessage().contains("SyntaxError"), refused.errorMessage());
        assertTrue(refused.errorMessage().contains("seed000-dispatcher.js:14:"), "the stray brace is on line 14: " + refused.errorMessage());
        assertEquals(404, api.get(api.plainScript("seed000-as-printed") + "/settings").status());
    }

    @Test
    void seed000sDispatcherRoutesBySubdomainAndAnswersAnUnknownNameWithAnEmpty404() throws Exception {
        String path = unique("seed000");
        JsonNode outcome = fetchFrom("shop.example.com", upstream.url(path));
        assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        assertEquals(1, upstream.receivedAt(path).size());
        HttpResponse<String> unknown = get("nobody.example.com", "/");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("", unknown.body());
    }

    @Test
    void seed001sOutboundWorkerForwardsFetchesAndSignsThoseOfRequestsToTheApiHost() throws Exception {
        String plain = unique("plain");
        assertEquals(200, fetchFrom("shop.example.com", upstream.url(plain)).path("status").asInt());
        List<UpstreamEcho.Received> forwarded = upstream.receivedAt(plain);
        assertEquals(1, forwarded.size(), "forwarded once, not intercepted again");
        assertNull(forwarded.get(0).header("authorization"));
        String signed = unique("signed");
        assertEquals(200, fetchFrom("api.example.com", upstream.url(signed)).path("status").asInt());
        List<UpstreamEcho.Received> preAuthed = upstream.receivedAt(signed);
        assertEquals(1, preAuthed.size());
        assertEquals("Bearer test-jwt-for-api", preAuthed.get(0).header("authorization"));
    }

    @Test
    void seed001sOwnDispatcherAndOutboundWorkerDisagreeOnParametersSoTheFetchFailsWithoutReachingTheNetwork() throws Exception {
        // Seed 001's dispatcher passes one params_object; its outbound worker reads env.url, finds it undefined and
        // throws. The user worker's fetch must fail rather than go around the outbound worker.
        String path = unique("seed001");
        JsonNode outcome = fetchFrom("shop.seed001.test", upstream.url(path));
        assertFalse(outcome.path("error").asText().isEmpty(), "the fetch should have failed: " + outcome);
        assertEquals(List.of(), upstream.receivedAt(path));
        HttpResponse<String> unknown = get("nobody.seed001.test", "/");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void seed003sDispatcherServesATenantAndLetsAnUnknownNameFailAs1101() throws Exception {
        HttpResponse<String> known = get("customer-1.seed003.test", "/hello");
        assertEquals(200, known.statusCode(), known.body());
        assertEquals("customer-1", CloudflareApi.JSON.readTree(known.body()).path("tenant").asText());
        HttpResponse<String> unknown = get("nobody.seed003.test", "/");
        assertEquals(500, unknown.statusCode(), unknown.body());
        assertEquals("1101", unknown.headers().firstValue("cf-error-code").orElse(""));
    }

    @Test
    void seed004sTypeScriptSubdomainDispatcherServesATenantAndAnswersAnUnknownNameWithNotFound() throws Exception {
        requireEsbuild();
        HttpResponse<String> known = get("customer-1.seed004.test", "/orders");
        assertEquals(200, known.statusCode(), known.body());
        assertEquals("/orders", CloudflareApi.JSON.readTree(known.body()).path("path").asText());
        HttpResponse<String> unknown = get("nobody.seed004.test", "/");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("Not found", unknown.body());
    }

    @Test
    void seed004sPathRoutingFragmentPassesThePathUnchangedToTheTenantItNames() throws Exception {
        requireEsbuild();
        HttpResponse<String> known = get("seed004-path.test", "/customer-1/reports/2024");
        assertEquals(200, known.statusCode(), known.body());
        JsonNode answer = CloudflareApi.JSON.readTree(known.body());
        assertEquals("customer-1", answer.path("tenant").asText());
        assertEquals("/customer-1/reports/2024", answer.path("path").asText());
        HttpResponse<String> unknown = get("seed004-path.test", "/nobody/x");
        assertEquals(500, unknown.statusCode(), unknown.body());
        assertEquals("1101", unknown.headers().firstValue("cf-error-code").orElse(""));
    }

    @Test
    void seed004sTypeScriptOutboundWorkerLogsEachFetchWithItsCustomerAndForwardsIt() throws Exception {
        requireEsbuild();
        String path = unique("seed004");
        HttpResponse<String> response = platform.get("fetcher", "/?url=" + URLEncoder.encode(upstream.url(path), StandardCharsets.UTF_8),
                "x-outbound", "{\"customerId\":\"customer-42\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(200, CloudflareApi.JSON.readTree(response.body()).get(0).path("status").asInt(), response.body());
        assertEquals(1, upstream.receivedAt(path).size());
        assertTrue(platform.output().stream().anyMatch(line -> line.contains("User fetch: " + upstream.url(path))),
                "the outbound worker's console.log of the URL");
        assertTrue(platform.output().stream().anyMatch(line -> line.contains("Customer: customer-42")),
                "the outbound worker's console.log of env.customerId");
    }
}
