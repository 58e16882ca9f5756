package dev.corral.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hostile tenant attacks a real node while a bystander tenant keeps being served. After every attack the node
 * process must be alive, the bystander must have answered every request, and the hostile tenant must have got the
 * error Workers gives, then recover for its next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTenantTest {
    private static final int CPU_LIMIT_MS = 50;
    private static final int MEMORY_LIMIT_MB = 64;

    private CorralNode node;

    @BeforeAll
    void startNode() throws Exception {
        node = CorralNode.start("--worker", "bystander=" + CorralNode.worker("bystander.js"),
                "--worker", "hostile=" + CorralNode.worker("hostile.js"),
                "--cpu-ms", String.valueOf(CPU_LIMIT_MS), "--memory-mb", String.valueOf(MEMORY_LIMIT_MB));
    }

    @AfterAll
    void stopNode() {
        node.close();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static final class Bystander implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong served = new AtomicLong();
        final List<String> failures = new ArrayList<>();
        long slowestMillis;
        CorralNode node;

        @Override
        public void run() {
            while (!stop.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = node.get("bystander", "/");
                    if (response.statusCode() != 200 || !response.body().startsWith("ok ")) {
                        failures.add(response.statusCode() + " " + response.body());
                    } else {
                        served.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private void assertUnharmed(Bystander bystander) throws Exception {
        assertTrue(node.isAlive(), "the node process died:\n" + String.join("\n", node.output()));
        assertEquals(List.of(), bystander.failures, "the bystander saw failures");
        assertTrue(bystander.served.get() > 0, "the bystander was never served");
        assertTrue(bystander.slowestMillis < 2000, "the bystander waited " + bystander.slowestMillis + " ms");
        HttpResponse<String> after = node.get("bystander", "/");
        assertEquals(200, after.statusCode());
    }

    private void attackExpecting(String path, int status, String errorCode) throws Exception {
        HttpResponse<String> hostile = attackOnce(path);
        assertEquals(status, hostile.statusCode(), path + " answered " + hostile.body());
        assertEquals(errorCode, hostile.headers().firstValue("cf-error-code").orElse(""), path);
        // Not bricked: the same tenant's next request runs normally, in a fresh isolate.
        assertEquals(404, node.get("hostile", "/no-such-attack").statusCode());
    }

    /** Sends one hostile request while the bystander is hammered, and checks the bystander came through. */
    private HttpResponse<String> attackOnce(String path) throws Exception {
        List<HttpResponse<String>> hostile = new ArrayList<>();
        underAttack(() -> hostile.add(node.get("hostile", path)));
        return hostile.get(0);
    }

    /** Runs {@code attack} while a bystander is hammered from another thread, then asserts it unharmed. */
    private void underAttack(ThrowingRunnable attack) throws Exception {
        Bystander bystander = new Bystander();
        bystander.node = node;
        Thread hammer = new Thread(bystander);
        hammer.start();
        try {
            Thread.sleep(50);
            attack.run();
            Thread.sleep(50);
        } finally {
            bystander.stop.set(true);
            hammer.join();
        }
        assertUnharmed(bystander);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/loop", "/loop-after-await", "/loop-in-microtasks"})
    void anInfiniteLoopIsStoppedAtTheCpuLimitWithA1102(String path) throws Exception {
        attackExpecting(path, 503, "1102");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/array-growth", "/string-doubling", "/arraybuffers"})
    void aMemoryBombIsStoppedWithA1102AndTheJvmSurvives(String path) throws Exception {
        attackExpecting(path, 503, "1102");
    }

    @Test
    void oneHugeArrayBufferCannotTakeTheNodeDown() throws Exception {
        int status = attackOnce("/huge-arraybuffer").statusCode();
        assertTrue(status == 503 || status == 500, "answered " + status);
    }

    @Test
    void memoryRetainedAcrossRequestsIsCaughtBetweenRequests() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        underAttack(() -> {
            for (int i = 0; i < 20 && !statuses.contains(503); i++) statuses.add(node.get("hostile", "/retained-across-requests").statusCode());
        });
        assertTrue(statuses.contains(503), "the hoarding tenant was never stopped: " + statuses);
    }

    @Test
    void deepRecursionIsARangeErrorNotACrash() throws Exception {
        attackExpecting("/recursion", 500, "1101");
        assertTrue(node.output().stream().anyMatch(line -> line.contains("Maximum call stack size exceeded")),
                "the RangeError was not logged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eval", "/new-function", "/string-timer"})
    void codeGenerationFromStringsIsRefused(String path) throws Exception {
        attackExpecting(path, 500, "1101");
    }

    @Test
    void noHostObjectFileNetworkOrAdminIsReachable() throws Exception {
        HttpResponse<String> hostile = attackOnce("/escape?admin=" + node.admin());
        assertEquals(200, hostile.statusCode(), hostile.body());
        JsonNode findings = CorralNode.JSON.readTree(hostile.body());
        for (Iterator<Map.Entry<String, JsonNode>> it = findings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> finding = it.next();
            if (finding.getKey().equals("globals")) {
                assertEquals(0, finding.getValue().size(), "suspicious globals: " + finding.getValue());
            } else {
                assertTrue(finding.getValue().isBoolean() && !finding.getValue().asBoolean(), finding.getKey() + ": " + finding.getValue());
            }
        }
    }

    @Test
    void cpuOvershootStaysWithinFiveMilliseconds() throws Exception {
        List<Double> overshoots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int before = node.output().size();
            assertEquals(503, node.get("hostile", "/loop").statusCode());
            Thread.sleep(20);
            for (String line : node.output().subList(before, node.output().size())) {
                if (!line.contains("\"exceededCpu\"")) continue;
                overshoots.add(CorralNode.JSON.readTree(line).get("cpu_ms").asDouble() - CPU_LIMIT_MS);
            }
        }
        assertEquals(20, overshoots.size(), "every terminated invocation is logged with its CPU time");
        overshoots.sort(Double::compare);
        double worst = overshoots.get(overshoots.size() - 1);
        assertTrue(overshoots.get(0) >= 0, "terminated before the limit: " + overshoots);
        assertTrue(worst <= 5.0, "CPU overshoot over 5 ms: " + overshoots);
    }
}
