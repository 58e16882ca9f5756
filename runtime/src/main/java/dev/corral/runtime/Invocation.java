package dev.corral.runtime;

import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fetch event in one isolate: what it may use, what it has used, and how it ended.
 *
 * <p>{@link #response()} completes when the worker returns a response (or fails). {@link #finished()} completes later,
 * once the response body has been produced and every {@code ctx.waitUntil} promise has settled (or the waitUntil
 * wall-clock limit passed); only then are the invocation's timers and pending I/O dropped.
 */
public final class Invocation {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final WorkerRequest request;
    private final Limits limits;
    private final Egress egress;
    private final int depth;
    private final String envOverlay;
    private final CompletableFuture<WorkerResponse> response = new CompletableFuture<>();
    private final CompletableFuture<Outcome> finished = new CompletableFuture<>();
    private final AtomicInteger subrequests = new AtomicInteger();
    private volatile long cpuNanos;
    private volatile WorkerError failure;
    private volatile WorkerError calleeLimitFailure;

    /**
     * @param depth      how many worker invocations stand above this one (0 at the front door), for loop protection.
     * @param envOverlay JSON object of extra {@code env} entries for this invocation only (an outbound worker's
     *                   parameters from the dispatcher), or null.
     */
    public Invocation(WorkerRequest request, Limits limits, Egress egress, int depth, String envOverlay) {
        this.request = request;
        this.limits = limits;
        this.egress = egress;
        this.depth = depth;
        this.envOverlay = envOverlay;
    }

    public int id() {
        return id;
    }

    public WorkerRequest request() {
        return request;
    }

    public Limits limits() {
        return limits;
    }

    public Egress egress() {
        return egress;
    }

    public int depth() {
        return depth;
    }

    public String envOverlay() {
        return envOverlay;
    }

    public CompletableFuture<WorkerResponse> response() {
        return response;
    }

    public CompletableFuture<Outcome> finished() {
        return finished;
    }

    public long cpuNanos() {
        return cpuNanos;
    }

    public double cpuMillis() {
        return cpuNanos / 1e6;
    }

    long cpuLimitNanos() {
        return TimeUnit.MILLISECONDS.toNanos(limits.cpuMillis());
    }

    /** Only the JS thread running this invocation's task writes here. */
    void addCpu(long nanos) {
        cpuNanos += nanos;
    }

    public int subrequests() {
        return subrequests.get();
    }

    /** Counts one subrequest; false when that one is over the limit. */
    boolean takeSubrequest() {
        return subrequests.incrementAndGet() <= limits.subrequests();
    }

    /** Why the invocation produced no response, or null. */
    public WorkerError failure() {
        return failure;
    }

    /**
     * A worker this one called broke a resource limit. If this invocation then fails because it let that error
     * through, the client sees the limit's error page (1102), not an exception's (1101).
     */
    public void recordCalleeLimitFailure(WorkerError error) {
        calleeLimitFailure = error;
    }

    /** The resource-limit failure this invocation failed with, its own or a callee's that it let through; or null. */
    public WorkerError limitFailure() {
        WorkerError own = failure;
        if (own == null) return null;
        if (own.isResourceLimit()) return own;
        WorkerError callee = calleeLimitFailure;
        return callee != null && own.getMessage().endsWith(callee.getMessage()) ? callee : null;
    }

    void fail(WorkerError error) {
        if (failure == null && !response.isDone()) failure = error;
        response.completeExceptionally(error);
        finish(error.outcome());
    }

    void finish(Outcome outcome) {
        finished.complete(outcome);
    }
}
