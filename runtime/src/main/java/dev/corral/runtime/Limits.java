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

    /**
     * These limits, lowered where {@code cpuMillis} or {@code subrequests} is smaller. A CPU value of 0 or less, or a
     * negative subrequest count, means "not set" and leaves that limit as it is; 0 subrequests forbids them all.
     * Limits are only ever lowered this way, never raised.
     */
    public Limits lowerTo(long cpuMillis, int subrequests) {
        return new Limits(cpuMillis > 0 ? Math.min(this.cpuMillis, cpuMillis) : this.cpuMillis,
                subrequests >= 0 ? Math.min(this.subrequests, subrequests) : this.subrequests, waitUntilMillis);
    }

    public Limits withCpuMillis(long value) {
        return new Limits(value, subrequests, waitUntilMillis);
    }
}
