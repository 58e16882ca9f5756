package dev.corral.runtime;

/**
 * Per-invocation limits. A zero or negative value is never produced: use {@link #lowerOf} to combine a script's
 * own limits with the ones its caller sets, as Cloudflare does ("the lower of the two").
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

    public Limits lowerOf(Limits other) {
        return new Limits(Math.min(cpuMillis, other.cpuMillis), Math.min(subrequests, other.subrequests),
                Math.min(waitUntilMillis, other.waitUntilMillis));
    }

    public Limits withCpuMillis(long value) {
        return new Limits(value, subrequests, waitUntilMillis);
    }

    public Limits withSubrequests(int value) {
        return new Limits(cpuMillis, value, waitUntilMillis);
    }
}
