package dev.corral.runtime;

/** What the runtime reports about isolates, for metrics and benchmarks. */
public interface RuntimeObserver {
    RuntimeObserver NONE = (workerId, startupMillis) -> { };

    /** An isolate finished loading its worker: from snapshot restore to handlers ready, wall clock. */
    void isolateStarted(String workerId, double startupMillis);
}
