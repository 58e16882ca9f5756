package dev.corral.runtime;

/**
 * Per-invocation limits; every value is positive.
 *
 * @param cpuMillis   CPU time one invocation may use, across all its tasks.
 * @param subrequests fetch() calls (each redirect hop counts) one invocation may make.
 * @param waitUntilMillis wall-clock time that ctx.waitUntil work may run after the response.
 */
public record Limits(long cpuMillis, int subrequests, long waitUntilMillis) {
    /** Cloudflare's paid-plan defaults. */
    public static final Limits DEFAULT = new Limits(30_000, 10_000, 30_000);

    public Limits {
        if (cpuMillis <= 0 || subrequests < 0 || waitUntilMillis <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + cpuMillis + ", " + subrequests + ", " + waitUntilMillis);
        }
    }

    public Limits withCpuMillis(long value) {
        return new Limits(value, subrequests, waitUntilMillis);
    }
}
