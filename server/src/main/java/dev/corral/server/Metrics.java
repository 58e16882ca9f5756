package dev.corral.server;

import dev.corral.runtime.Outcome;
import dev.corral.runtime.RuntimeObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus metrics in the text exposition format: invocations, CPU time and subrequests by namespace, script and
 * outcome, and isolate
 * start-ups with their total time, so {@code rate(sum)/rate(count)} gives the mean cold start.
 */
final class Metrics implements RuntimeObserver {
    private record Key(String namespace, String script, String outcome) {}

    private final Map<Key, LongAdder> invocations = new ConcurrentHashMap<>();
    private final Map<Key, DoubleAdder> cpuMillis = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> subrequests = new ConcurrentHashMap<>();
    private final LongAdder isolateStarts = new LongAdder();
    private final DoubleAdder isolateStartMillis = new DoubleAdder();

    void invocationFinished(String namespace, String script, Outcome outcome, double cpu, int subrequestCount) {
        Key key = new Key(namespace, script, outcome.wireName());
        invocations.computeIfAbsent(key, k -> new LongAdder()).increment();
        cpuMillis.computeIfAbsent(key, k -> new DoubleAdder()).add(cpu);
        subrequests.computeIfAbsent(key, k -> new LongAdder()).add(subrequestCount);
    }

    @Override
    public void isolateStarted(String workerId, double startupMillis) {
        isolateStarts.increment();
        isolateStartMillis.add(startupMillis);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP corral_invocations_total Worker invocations by outcome.\n# TYPE corral_invocations_total counter\n");
        invocations.forEach((key, count) -> out.append("corral_invocations_total").append(labels(key)).append(' ').append(count.sum()).append('\n'));
        out.append("# HELP corral_cpu_milliseconds_total CPU time used by worker invocations.\n# TYPE corral_cpu_milliseconds_total counter\n");
        cpuMillis.forEach((key, sum) -> out.append("corral_cpu_milliseconds_total").append(labels(key)).append(' ').append(sum.sum()).append('\n'));
        out.append("# HELP corral_subrequests_total Subrequests (fetch calls and redirect hops) made by worker invocations.\n# TYPE corral_subrequests_total counter\n");
        subrequests.forEach((key, count) -> out.append("corral_subrequests_total").append(labels(key)).append(' ').append(count.sum()).append('\n'));
        out.append("# HELP corral_isolate_startup_milliseconds Isolate start-ups, snapshot restore to handlers ready.\n# TYPE corral_isolate_startup_milliseconds summary\n");
        out.append("corral_isolate_startup_milliseconds_count ").append(isolateStarts.sum()).append('\n');
        out.append("corral_isolate_startup_milliseconds_sum ").append(isolateStartMillis.sum()).append('\n');
        return out.toString();
    }

    private static String labels(Key key) {
        return "{namespace=\"" + escape(key.namespace()) + "\",script=\"" + escape(key.script()) + "\",outcome=\"" + key.outcome() + "\"}";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
