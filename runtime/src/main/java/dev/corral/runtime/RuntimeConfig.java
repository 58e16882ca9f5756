package dev.corral.runtime;

/**
 * How the runtime is sized.
 *
 * @param jsThreads          JS threads, one per core by default.
 * @param memoryLimitBytes   memory one isolate may hold (JS heap plus external); Workers allow 128 MB.
 * @param backstopHeapMb     V8's own per-isolate old-space limit, far above the tenant limit (see {@link Watchdog}).
 * @param startupCpuMillis   CPU time a worker's top-level code may take (Workers allow 1 s).
 * @param cacheBudgetBytes   memory all cached isolates may hold before the least recently used are retired.
 * @param maxCachedIsolates  cached isolates at most, whatever their size.
 */
public record RuntimeConfig(int jsThreads, long memoryLimitBytes, int backstopHeapMb, long startupCpuMillis,
                            long cacheBudgetBytes, int maxCachedIsolates) {
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(Runtime.getRuntime().availableProcessors(), 128L << 20, 2048, 1000, 4L << 30, 10_000);
    }

    public RuntimeConfig withMemoryLimitBytes(long bytes) {
        return new RuntimeConfig(jsThreads, bytes, backstopHeapMb, startupCpuMillis, cacheBudgetBytes, maxCachedIsolates);
    }
}
