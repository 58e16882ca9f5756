package dev.corral.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a tenant that breaks its CPU or memory limit while it runs.
 *
 * <p>CPU: every half millisecond, each JS thread's CPU clock is read; when the running invocation's total passes its
 * limit, the isolate's execution is terminated (the overshoot is the poll interval plus about 0.1 ms to unwind).
 * Memory: every few milliseconds, each running isolate is asked for its heap statistics; V8 answers through an
 * interrupt, and an isolate over its limit (JS heap plus external memory such as ArrayBuffers) is terminated.
 * Javet exposes no near-heap-limit callback, so this poll, with V8's far higher old-space limit as a backstop, is
 * what keeps one tenant from taking the process down.
 */
final class Watchdog extends Thread {
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int MEMORY_POLL_EVERY = 4;

    private final JsThreads jsThreads;

    Watchdog(JsThreads jsThreads) {
        super("corral-watchdog");
        this.jsThreads = jsThreads;
        setDaemon(true);
        setPriority(MAX_PRIORITY);
    }

    @Override
    public void run() {
        long round = 0;
        while (!isInterrupted()) {
            round++;
            for (JsThreads.JsThread thread : jsThreads.threads()) {
                JsThreads.Running running = thread.running;
                if (running == null) continue;
                Invocation invocation = running.invocation();
                if (invocation != null) {
                    long used = invocation.cpuNanos() + JsThreads.CPU.getThreadCpuTime(thread.threadId()) - running.cpuStartNanos();
                    if (used > invocation.cpuLimitNanos()) running.isolate().terminate(WorkerError.cpu(), invocation);
                }
                if (round % MEMORY_POLL_EVERY == 0) running.isolate().pollMemory();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
