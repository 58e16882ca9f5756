package dev.corral.runtime;

/** Where a worker's console output goes: the node's structured log, a live tail, per-script capture. */
@FunctionalInterface
public interface LogSink {
    void log(String scriptId, String level, String message);
}
