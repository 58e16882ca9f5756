package dev.corral.runtime;

/**
 * Why an invocation produced no response: an uncaught JS exception, a broken limit, or a script that failed to start.
 * The message is the one Workers users see ({@code Worker exceeded CPU time limit.}), so platforms can match on it.
 */
public final class WorkerError extends RuntimeException {
    public static final String CPU_MESSAGE = "Worker exceeded CPU time limit.";
    public static final String MEMORY_MESSAGE = "Worker exceeded memory limit.";

    private final Outcome outcome;
    private final String jsStack;

    public WorkerError(Outcome outcome, String message, String jsStack) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.jsStack = jsStack;
    }

    public static WorkerError cpu() {
        return new WorkerError(Outcome.EXCEEDED_CPU, CPU_MESSAGE, null);
    }

    public static WorkerError memory() {
        return new WorkerError(Outcome.EXCEEDED_MEMORY, MEMORY_MESSAGE, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The JS stack trace, where there was one. */
    public String jsStack() {
        return jsStack;
    }

    /** True when a resource limit, not the worker's own logic, ended the invocation (Cloudflare's 1102). */
    public boolean isResourceLimit() {
        return outcome == Outcome.EXCEEDED_CPU || outcome == Outcome.EXCEEDED_MEMORY;
    }
}
