package dev.corral.server.platform;

import static dev.corral.server.platform.TestWorkers.metadata;
import static dev.corral.server.platform.TestWorkers.service;
import static dev.corral.server.platform.TestWorkers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests reach user workers through a dispatcher deployed as a plain script with a dispatch-namespace binding and a
 * {@code *}{@code /*} route, with get()'s arguments and limits, the errors a dispatcher sees, and the depth limit that
 * ends loops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamicDispatchTest {
    private static final String NAMESPACE = "tenants";
    private static final String CPU_MESSAGE = "Worker exceeded CPU time limit.";
    private static final String DEPTH_MESSAGE = "Subrequest depth limit exceeded.";

    private PlatformNode platform;
    private UpstreamEcho upstream;

    @BeforeAll
    void deployThePlatform() throws Exception {
        upstream = UpstreamEcho.start();
        platform = PlatformNode.start("--allow-private-egress");
        platform.api().createNamespace(NAMESPACE);
        platform.deployDispatcher(TestWorkers.dispatchNamespace("DISPATCHER", NAMESPACE));
        for (String tenant : new String[] {"alpha", "beta"}) {
            platform.deployTenant(NAMESPACE, tenant, "hello.js", metadata("hello.js", "[" + text("TENANT", tenant) + "]", ""))
                    .requireSuccess();
        }
        platform.deployTenant(NAMESPACE, "burn-100", "burn.js", metadata("burn.js", "[]", "\"limits\":{\"cpu_ms\":100}")).requireSuccess();
        platform.deployTenant(NAMESPACE, "burn-10", "burn.js", metadata("burn.js", "[]", "\"limits\":{\"cpu_ms\":10}")).requireSuccess();
        platform.deployTenant(NAMESPACE, "fetcher", "fetcher.js", metadata("fetcher.js")).requireSuccess();
        platform.deployTenant(NAMESPACE, "loop-binding", "loop-binding.js",
                metadata("loop-binding.js", "[" + service("LOOP", PlatformNode.DISPATCHER) + "]", "")).requireSuccess();
        platform.deployTenant(NAMESPACE, "loop-fetch", "loop-fetch.js", metadata("loop-fetch.js")).requireSuccess();
    }

    @AfterAll
    void stop() {
        if (platform != null) platform.close();
        if (upstream != null) upstream.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return CloudflareApi.JSON.readTree(response.body());
    }

    @Test
    void aTenantIsFoundByItsSubdomain() throws Exception {
        JsonNode answer = json(platform.get("alpha", "/orders/42?expand=items"));
        assertEquals("alpha", answer.get("tenant").asText());
        assertEquals("alpha.platform.test", answer.get("host").asText());
        assertEquals("/orders/42", answer.get("path").asText());
        assertEquals("?expand=items", answer.get("query").asText());
        assertEquals("beta", json(platform.get("beta", "/")).get("tenant").asText());
    }

    @Test
    void aTenantIsFoundByTheFirstPathSegmentOnTheZoneApex() throws Exception {
        JsonNode answer = json(platform.send(platform.request(PlatformNode.ZONE, "/beta/deep/path?x=1").build()));
        assertEquals("beta", answer.get("tenant").asText());
        assertEquals("/deep/path", answer.get("path").asText());
        assertEquals("?x=1", answer.get("query").asText());
    }

    @Test
    void aHostUnderNoZoneIsServedByTheCatchAllRouteToo() throws Exception {
        HttpRequest byAddress = HttpRequest.newBuilder(URI.create(platform.frontDoor() + "/alpha/by-address"))
                .timeout(Duration.ofSeconds(30)).build();
        JsonNode answer = json(platform.send(byAddress));
        assertEquals("alpha", answer.get("tenant").asText());
        assertEquals("/by-address", answer.get("path").asText());
    }

    @Test
    void anUnknownTenantIsWorkerNotFoundWhichTheDispatcherAnswersWith404() throws Exception {
        HttpResponse<String> response = platform.get("nobody-here", "/");
        assertEquals(404, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("Worker not found"), response.body());
        HttpResponse<String> byPath = platform.send(platform.request(PlatformNode.ZONE, "/nobody-here/x").build());
        assertEquals(404, byPath.statusCode(), byPath.body());
        assertTrue(byPath.body().startsWith("Worker not found"), byPath.body());
    }

    @Test
    void getWithArgumentsAndOptionsStillReachesTheTenant() throws Exception {
        JsonNode answer = json(platform.get("alpha", "/with-args", "x-args", "{\"plan\":\"pro\",\"ids\":[1,2,3]}",
                "x-limits", "{\"cpuMs\":5000,\"subRequests\":5}", "x-outbound", "{\"ignored\":true}"));
        assertEquals("alpha", answer.get("tenant").asText());
        assertEquals("/with-args", answer.get("path").asText());
    }

    @ParameterizedTest(name = "script limit {0}, get() cpuMs {1}: status {2}")
    @CsvSource({
        "burn-100, 100, 200",
        "burn-100, '',  200",
        "burn-100, 10,  429",
        "burn-10,  100, 429",
        "burn-10,  '',  429",
    })
    void aWorkerBurning60MsRunsUnderTheLowerOfItsOwnAndTheDispatchersCpuLimit(String script, String cpuMs, int status)
            throws Exception {
        // The worker spins for 60 ms of wall-clock time: at most 60 ms of CPU, so it passes a 100 ms limit, and more
        // than 10 ms of CPU unless the machine gives its thread under a sixth of a core.
        HttpResponse<String> response = cpuMs.isEmpty()
                ? platform.get(script, "/?ms=60")
                : platform.get(script, "/?ms=60", "x-limits", "{\"cpuMs\":" + cpuMs + "}");
        assertEquals(status, response.statusCode(), response.body());
        if (status == 200) assertTrue(response.body().startsWith("burned 60 ms"), response.body());
        else assertEquals(CPU_MESSAGE, response.body(), "the dispatcher caught an Error with Cloudflare's message");
    }

    @Test
    void aScriptsOwnCpuLimitIsStoredAsUploaded() {
        CloudflareApi api = platform.api();
        assertEquals(10, api.get(api.userWorker(NAMESPACE, "burn-10") + "/settings").requireSuccess().result().path("limits").path("cpu_ms").asInt());
        assertEquals(100, api.get(api.userWorker(NAMESPACE, "burn-100") + "/settings").requireSuccess().result().path("limits").path("cpu_ms").asInt());
    }

    @Test
    void aCpuOverrunTheDispatcherLetsThroughGivesTheClientA1102Page() throws Exception {
        HttpResponse<String> response = platform.get("burn-10", "/?ms=60", "x-uncaught", "true");
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("1102", response.headers().firstValue("cf-error-code").orElse(""));
        assertTrue(!response.body().contains("burned"), response.body());
    }

    @Test
    void theTenantServesNormallyRightAfterACpuOverrun() throws Exception {
        for (int round = 0; round < 3; round++) {
            assertEquals(429, platform.get("burn-100", "/?ms=60", "x-limits", "{\"cpuMs\":10}").statusCode());
            HttpResponse<String> next = platform.get("burn-100", "/?ms=1");
            assertEquals(200, next.statusCode(), "round " + round + ": " + next.body());
            assertTrue(next.body().startsWith("burned 1 ms"), next.body());
        }
    }

    @Test
    void theSubrequestLimitFromGetStopsTheThirdFetch() throws Exception {
        String path = "/counted-" + UUID.randomUUID();
        JsonNode outcomes = json(platform.get("fetcher", "/?times=3&url=" + upstream.url(path),
                "x-limits", "{\"subRequests\":2}"));
        assertEquals(3, outcomes.size(), outcomes.toString());
        assertEquals(200, outcomes.get(0).path("status").asInt(), outcomes.toString());
        assertEquals(200, outcomes.get(1).path("status").asInt(), outcomes.toString());
        assertTrue(outcomes.get(2).path("error").asText().startsWith("Too many subrequests"), outcomes.toString());
        assertEquals(2, upstream.receivedAt(path).size());
    }

    @Test
    void withoutASubrequestLimitTheSameFetchesAllSucceed() throws Exception {
        String path = "/uncounted-" + UUID.randomUUID();
        JsonNode outcomes = json(platform.get("fetcher", "/?times=3&url=" + upstream.url(path)));
        for (JsonNode outcome : outcomes) assertEquals(200, outcome.path("status").asInt(), outcomes.toString());
        assertEquals(3, upstream.receivedAt(path).size());
    }

    @Test
    void aLoopThroughAServiceBindingIntoTheDispatcherStopsAt16NestedInvocations() throws Exception {
        HttpResponse<String> response = platform.get("loop-binding", "/");
        assertEquals(508, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("stopped after 16 nested invocations: "), response.body());
        assertTrue(response.body().contains(DEPTH_MESSAGE), response.body());
        assertStillServing();
    }

    @Test
    void aLoopThroughTheNetworkBackToThePlatformStopsAt16NestedInvocations() throws Exception {
        HttpResponse<String> response = platform.get("loop-fetch", "/?front=" + platform.frontDoor());
        assertEquals(508, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("stopped after 16 nested invocations: "), response.body());
        // Either the innermost fetch() rejects with the depth error, or the front door refuses the 17th invocation
        // with Cloudflare's loop error page (1019); a generic 1101 would not tell the platform what happened.
        String ending = response.body().substring("stopped after 16 nested invocations: ".length());
        assertTrue(ending.contains(DEPTH_MESSAGE) || ending.equals("error page 1019"), ending);
        assertStillServing();
    }

    private void assertStillServing() throws Exception {
        assertTrue(platform.healthy(), "the node stopped answering its health check");
        assertEquals("alpha", json(platform.get("alpha", "/after-the-loop")).get("tenant").asText());
    }
}
