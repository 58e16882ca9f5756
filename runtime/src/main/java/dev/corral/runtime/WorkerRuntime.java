package dev.corral.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * The runtime of one node: V8, the JS threads, the watchdog, timers, and the cache of live isolates.
 *
 * <p>Isolates are cached by worker version id in least-recently-used order. When the cache holds more isolates, or
 * more measured memory, than its budget, the oldest are retired: they finish their in-flight requests, then go.
 */
public final class WorkerRuntime implements AutoCloseable {
    private final RuntimeConfig config;
    private final LogSink logs;
    private final RuntimeObserver observer;
    private final V8Engine engine;
    private final JsThreads threads;
    private final Watchdog cpuWatchdog;
    private final Watchdog memoryWatchdog;
    private final ScheduledThreadPoolExecutor timers;
    private final LinkedHashMap<String, Isolate> cache = new LinkedHashMap<>(64, 0.75f, true);

    public WorkerRuntime(RuntimeConfig config, LogSink logs, RuntimeObserver observer) {
        this.config = config;
        this.logs = logs;
        this.observer = observer;
        this.engine = V8Engine.start(config.backstopHeapMb());
        this.threads = new JsThreads(config.jsThreads());
        this.cpuWatchdog = new Watchdog(Watchdog.Kind.CPU, threads);
        this.memoryWatchdog = new Watchdog(Watchdog.Kind.MEMORY, threads);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "corral-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        cpuWatchdog.start();
        memoryWatchdog.start();
    }

    /** The live isolate for a worker version, started if there is none. */
    public Isolate isolate(WorkerScript script, Supplier<BindingHost> bindings) {
        List<Isolate> evicted = new ArrayList<>();
        Isolate isolate;
        synchronized (cache) {
            isolate = cache.get(script.id());
            if (isolate != null && isolate.isServing()) return isolate;
            isolate = new Isolate(this, script, bindings.get());
            cache.put(script.id(), isolate);
            long heap = 0;
            for (Isolate cached : cache.values()) heap += cached.heapBytes();
            Iterator<Map.Entry<String, Isolate>> eldest = cache.entrySet().iterator();
            while ((cache.size() > config.maxCachedIsolates() || heap > config.cacheBudgetBytes()) && eldest.hasNext()) {
                Isolate candidate = eldest.next().getValue();
                if (candidate == isolate) break;
                heap -= candidate.heapBytes();
                evicted.add(candidate);
                eldest.remove();
            }
        }
        evicted.forEach(Isolate::retire);
        return isolate;
    }

    /** Retires the cached isolate of a worker version, if any: a new deploy, a deleted script. */
    public void retire(String scriptId) {
        Isolate isolate;
        synchronized (cache) {
            isolate = cache.remove(scriptId);
        }
        if (isolate != null) isolate.retire();
    }

    void onDeath(Isolate isolate) {
        synchronized (cache) {
            cache.remove(isolate.script().id(), isolate);
        }
    }

    RuntimeConfig config() {
        return config;
    }

    LogSink logs() {
        return logs;
    }

    RuntimeObserver observer() {
        return observer;
    }

    V8Engine engine() {
        return engine;
    }

    JsThreads threads() {
        return threads;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        List<Isolate> all;
        synchronized (cache) {
            all = List.copyOf(cache.values());
            cache.clear();
        }
        all.forEach(Isolate::retire);
        cpuWatchdog.interrupt();
        memoryWatchdog.interrupt();
        timers.shutdownNow();
        threads.shutdown();
    }
}
