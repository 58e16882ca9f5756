package dev.corral.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The public listener over real HTTP: streaming both ways, error pages, limits, keep-alive and shutdown. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorTest {
    private CorralNode node;

    @BeforeAll
    void start() throws Exception {
        node = CorralNode.start("--worker", "door=" + CorralNode.worker("front-door.js"), "--max-body-mb", "8");
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void aLargeStreamedBodyIsEchoedByteForByte() throws Exception {
        byte[] payload = new byte[5 << 20];
        new Random(42).nextBytes(payload);
        HttpResponse<byte[]> response = CorralNode.client().send(node.request("door", "/echo")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(payload))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("POST", response.headers().firstValue("x-method").orElse(""));
        assertArrayEquals(payload, response.body());
    }

    @Test
    void aRequestBodyStreamsThroughATransformStream() throws Exception {
        HttpResponse<String> response = node.send(node.request("door", "/upper")
                .POST(HttpRequest.BodyPublishers.ofString("shout this")).build());
        assertEquals("SHOUT THIS", response.body());
    }

    @Test
    void aStreamedResponseReachesTheClientBeforeItEnds() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = CorralNode.client().send(node.request("door", "/drip?count=5").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = new byte[7];
            assertEquals(7, body.readNBytes(first, 0, 7));
            long firstByteMillis = (System.nanoTime() - start) / 1_000_000;
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            long totalMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("tick 0\n", new String(first, StandardCharsets.UTF_8));
            assertTrue(rest.endsWith("tick 4\n"), rest);
            assertTrue(firstByteMillis + 250 < totalMillis, "first byte at " + firstByteMillis + " ms, end at " + totalMillis + " ms");
        }
        assertEquals("chunked", response.headers().firstValue("transfer-encoding").orElse(""));
    }

    @Test
    void anUncaughtExceptionGivesA1101PageAndTheIsolateLivesOn() throws Exception {
        int before = Integer.parseInt(node.get("door", "/count").body());
        HttpResponse<String> failed = node.get("door", "/throw");
        assertEquals(500, failed.statusCode());
        assertEquals("1101", failed.headers().firstValue("cf-error-code").orElse(""));
        assertTrue(failed.body().contains("Error 1101"), failed.body());
        assertTrue(!failed.body().contains("boom"), "the page must not leak the worker's error");
        assertEquals(before + 2, Integer.parseInt(node.get("door", "/count").body()), "the same isolate served on");
        assertTrue(node.output().stream().anyMatch(line -> line.contains("boom from the worker")), "the error is logged");
    }

    @Test
    void repeatedHeadersSurviveTheRoundTrip() throws Exception {
        HttpResponse<String> response = node.get("door", "/headers");
        assertEquals(204, response.statusCode());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("set-cookie"));
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        HttpResponse<String> tooBig = node.send(node.request("door", "/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[9 << 20])).build());
        assertEquals(413, tooBig.statusCode());
        HttpResponse<String> hugeHeader = node.send(node.request("door", "/count").header("x-big", "y".repeat(200_000)).build());
        assertTrue(hugeHeader.statusCode() == 400 || hugeHeader.statusCode() == 431, "status " + hugeHeader.statusCode());
        assertEquals(200, node.get("door", "/count").statusCode());
    }

    @Test
    void manyConcurrentRequestsAreAllServed() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(CorralNode.client().sendAsync(node.request("door", "/slow?ms=20").build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals("finished", response.get(30, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void sigtermLetsInFlightRequestsFinish() throws Exception {
        try (CorralNode own = CorralNode.start("--worker", "door=" + CorralNode.worker("front-door.js"))) {
            CompletableFuture<HttpResponse<String>> slow = CorralNode.client()
                    .sendAsync(own.request("door", "/slow?ms=1500").build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            int exit = own.stop();
            HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("finished", response.body());
            assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        }
    }
}
