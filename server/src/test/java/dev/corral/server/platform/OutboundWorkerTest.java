package dev.corral.server.platform;

import static dev.corral.server.platform.TestWorkers.metadata;
import static dev.corral.server.platform.TestWorkers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An outbound worker named in the dispatcher's namespace binding stands between user workers and the network: it sees
 * every fetch() first, with the dispatcher's declared parameters in its env, and may rewrite, refuse or log it. Without
 * one, the namespace's egress policy decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundWorkerTest {
    private static final String WATCHED = "watched";
    private static final String OPEN = "open";
    private static final String SEALED = "sealed";
    private static final String OUTBOUND = "outbound";
    private static final String PARAMS = "{\"customer\":\"acme\",\"plan\":\"pro\",\"undeclared\":\"should-not-leak\"}";

    private PlatformNode platform;
    private UpstreamEcho upstream;

    @BeforeAll
    void deployThePlatform() throws Exception {
        upstream = UpstreamEcho.start();
        platform = PlatformNode.start("--allow-private-egress");
        CloudflareApi api = platform.api();
        api.createNamespace(WATCHED);
        api.createNamespace(OPEN);
        api.createNamespace(SEALED);
        api.updateNamespace(SEALED, "\"corral_egress\":\"deny\"");
        deployOutbound("1");
        platform.deployDispatcher(
                "{\"type\":\"dispatch_namespace\",\"name\":\"DISPATCHER\",\"namespace\":\"" + WATCHED + "\",\"outbound\":"
                        + "{\"worker\":{\"service\":\"" + OUTBOUND + "\"},\"params\":[{\"name\":\"customer\"},{\"name\":\"plan\"}]}}",
                TestWorkers.dispatchNamespace("OPEN", OPEN),
                TestWorkers.dispatchNamespace("SEALED", SEALED));
        for (String namespace : List.of(WATCHED, OPEN, SEALED)) {
            platform.deployTenant(namespace, "fetcher", "fetcher.js", metadata("fetcher.js")).requireSuccess();
        }
    }

    @AfterAll
    void stop() {
        if (platform != null) platform.close();
        if (upstream != null) upstream.close();
    }

    private void deployOutbound(String version) {
        platform.api().uploadPlainScript(OUTBOUND, metadata("outbound.js", "[" + text("VERSION", version) + "]", ""),
                TestWorkers.modules("outbound.js")).requireSuccess();
    }

    /** Has the user worker in the watched namespace fetch {@code urls}, and answers its outcomes. */
    private JsonNode fetchThroughOutbound(String... urls) throws Exception {
        return fetchVia("DISPATCHER", urls);
    }

    private JsonNode fetchVia(String binding, String... urls) throws Exception {
        StringBuilder query = new StringBuilder("/?from=test");
        for (String url : urls) query.append("&url=").append(URLEncoder.encode(url, StandardCharsets.UTF_8));
        HttpResponse<String> response = platform.get("fetcher", query.toString(), "x-binding", binding, "x-outbound", PARAMS);
        assertEquals(200, response.statusCode(), response.body());
        return CloudflareApi.JSON.readTree(response.body());
    }

    private static String unique(String prefix) {
        return "/" + prefix + "-" + UUID.randomUUID();
    }

    @Test
    void theEgressPolicyAndTheOutboundBindingAreStoredAsSent() {
        CloudflareApi api = platform.api();
        assertEquals("deny", api.get(api.namespaces() + "/" + SEALED).requireSuccess().result().path("corral_egress").asText());
        assertEquals("allow", api.get(api.namespaces() + "/" + OPEN).requireSuccess().result().path("corral_egress").asText());
        JsonNode bindings = api.get(api.plainScript(PlatformNode.DISPATCHER) + "/settings").requireSuccess().result().path("bindings");
        JsonNode watched = null;
        for (JsonNode binding : bindings) if (binding.path("name").asText().equals("DISPATCHER")) watched = binding;
        assertTrue(watched != null, bindings.toString());
        assertEquals(OUTBOUND, watched.at("/outbound/worker/service").asText(), watched.toString());
        assertEquals("[{\"name\":\"customer\"},{\"name\":\"plan\"}]", watched.at("/outbound/params").toString());
    }

    @Test
    void everyFetchOfAUserWorkerReachesTheOutboundWorkerFirst() throws Exception {
        String first = unique("first");
        String landed = unique("landed");
        JsonNode outcomes = fetchThroughOutbound("http://nowhere.invalid/only-the-outbound-worker-can-answer",
                upstream.url(first), upstream.url("/redirect?to=" + URLEncoder.encode(landed, StandardCharsets.UTF_8)));
        JsonNode answered = CloudflareApi.JSON.readTree(outcomes.get(0).path("body").asText("{}"));
        assertEquals("outbound", answered.path("answeredBy").asText(), outcomes.toString());
        assertEquals(200, outcomes.get(1).path("status").asInt(), outcomes.toString());
        assertEquals("acme", upstream.receivedAt(first).get(0).header("x-outbound-customer"));
        assertEquals("upstream saw " + landed, outcomes.get(2).path("body").asText(), outcomes.toString());
        // Both hops of the redirect went through the outbound worker, as each is a subrequest of the user worker.
        assertEquals("acme", upstream.received().stream().filter(r -> r.path().equals("/redirect") && r.pathAndQuery().contains(
                URLEncoder.encode(landed, StandardCharsets.UTF_8))).findFirst().orElseThrow().header("x-outbound-customer"));
        assertEquals("acme", upstream.receivedAt(landed).get(0).header("x-outbound-customer"));
    }

    @Test
    void theParametersTheBindingDeclaresAppearInTheOutboundWorkersEnvAndNoOthers() throws Exception {
        JsonNode seen = CloudflareApi.JSON.readTree(fetchThroughOutbound("http://params.invalid/").get(0).path("body").asText());
        assertEquals("http://params.invalid/", seen.path("url").asText());
        assertEquals(Map.of("VERSION", "1", "customer", "acme", "plan", "pro"),
                CloudflareApi.JSON.convertValue(seen.get("env"), Map.class), seen.toString());
    }

    @Test
    void theOutboundWorkerCanRewriteARequestOnItsWayOut() throws Exception {
        String path = unique("rewritten");
        JsonNode outcome = fetchThroughOutbound(upstream.url(path)).get(0);
        assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        UpstreamEcho.Received received = upstream.receivedAt(path).get(0);
        assertEquals("acme", received.header("x-outbound-customer"));
        assertEquals("1", received.header("x-outbound-version"));
    }

    @Test
    void theOutboundWorkerCanBlockAFetchWithoutFetching() throws Exception {
        String path = unique("blocked");
        JsonNode outcome = fetchThroughOutbound(upstream.url(path)).get(0);
        assertEquals(403, outcome.path("status").asInt(), outcome.toString());
        assertEquals("blocked by the outbound worker for acme", outcome.path("body").asText());
        assertEquals(List.of(), upstream.receivedAt(path));
    }

    @Test
    void theOutboundWorkerCanFinishWorkWithWaitUntil() throws Exception {
        String path = unique("logged");
        JsonNode outcome = fetchThroughOutbound(upstream.url(path)).get(0);
        assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        UpstreamEcho.Received log = upstream.await(r -> r.path().equals("/outbound-log") && r.body().contains(path), 10_000)
                .orElseThrow(() -> new AssertionError("the outbound worker's waitUntil fetch never arrived"));
        assertEquals("POST", log.method());
        JsonNode logged = CloudflareApi.JSON.readTree(log.body());
        assertEquals("acme", logged.path("customer").asText());
        assertNull(log.header("x-outbound-customer"), "the outbound worker's own fetch was intercepted again");
    }

    @Test
    void theOutboundWorkersOwnFetchesAreNotInterceptedAgain() throws Exception {
        String path = unique("once");
        JsonNode outcome = fetchThroughOutbound(upstream.url(path)).get(0);
        assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        List<UpstreamEcho.Received> received = upstream.receivedAt(path);
        assertEquals(1, received.size(), "one user fetch, one upstream request");
        assertEquals(List.of("acme"), received.get(0).headers().get("x-outbound-customer"));
    }

    @Test
    void subrequestsThroughTheOutboundWorkerCountAgainstTheUserWorkersLimit() throws Exception {
        String path = unique("limited");
        StringBuilder query = new StringBuilder("/?times=3&url=").append(URLEncoder.encode(upstream.url(path), StandardCharsets.UTF_8));
        HttpResponse<String> response = platform.get("fetcher", query.toString(), "x-outbound", PARAMS, "x-limits", "{\"subRequests\":2}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode outcomes = CloudflareApi.JSON.readTree(response.body());
        assertEquals(200, outcomes.get(0).path("status").asInt(), outcomes.toString());
        assertEquals(200, outcomes.get(1).path("status").asInt(), outcomes.toString());
        assertTrue(outcomes.get(2).path("error").asText().startsWith("Too many subrequests"), outcomes.toString());
        assertEquals(2, upstream.receivedAt(path).size());
    }

    @Test
    void aNamespaceThatDeniesEgressMakesFetchFailWhenNoOutboundWorkerIsNamed() throws Exception {
        String path = unique("sealed");
        JsonNode outcome = fetchVia("SEALED", upstream.url(path)).get(0);
        assertTrue(outcome.path("error").asText().contains("not allowed"), "fetch() should have thrown: " + outcome);
        assertEquals(List.of(), upstream.receivedAt(path));
    }

    @Test
    void aNamespaceThatAllowsEgressByDefaultReachesTheUpstreamDirectly() throws Exception {
        String path = unique("open");
        JsonNode outcome = fetchVia("OPEN", upstream.url(path)).get(0);
        assertEquals(200, outcome.path("status").asInt(), outcome.toString());
        List<UpstreamEcho.Received> received = upstream.receivedAt(path);
        assertEquals(1, received.size());
        assertNull(received.get(0).header("x-outbound-customer"), "no outbound worker stands in front of this namespace");
    }

    @Test
    void aRedeployedOutboundWorkerTakesEffectOnTheNextRequest() throws Exception {
        String version = "v-" + UUID.randomUUID();
        deployOutbound(version);
        try {
            String path = unique("redeployed");
            JsonNode outcome = fetchThroughOutbound(upstream.url(path)).get(0);
            assertEquals(200, outcome.path("status").asInt(), outcome.toString());
            assertEquals(version, upstream.receivedAt(path).get(0).header("x-outbound-version"));
        } finally {
            deployOutbound("1");
        }
    }
}
