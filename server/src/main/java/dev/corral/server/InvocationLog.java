package dev.corral.server;

import dev.corral.runtime.Invocation;
import dev.corral.runtime.Outcome;
import dev.corral.runtime.WorkerError;
import java.util.Map;

/**
 * Where every finished invocation is recorded: counted in the metrics, and logged when it failed, with what it used
 * and why. Successful ones are only counted, so the log stays readable at load.
 */
final class InvocationLog {
    private final Metrics metrics;
    private final JsonLog log;

    InvocationLog(Metrics metrics, JsonLog log) {
        this.metrics = metrics;
        this.log = log;
    }

    /** @param namespace the dispatch namespace's id, or empty for a plain script. */
    void finished(String namespace, String script, Invocation invocation, Outcome outcome) {
        metrics.invocationFinished(namespace, script, outcome, invocation.cpuMillis(), invocation.subrequests());
        if (outcome == Outcome.OK) return;
        WorkerError failure = invocation.failure();
        String error = failure == null ? "" : failure.jsStack() != null ? failure.jsStack() : failure.getMessage();
        log.event(Map.of("level", "warn", "message", "invocation failed", "namespace", namespace, "script", script,
                "outcome", outcome.wireName(), "cpu_ms", invocation.cpuMillis(), "subrequests", invocation.subrequests(), "error", error));
    }
}
