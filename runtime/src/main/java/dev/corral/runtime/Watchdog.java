package dev.corral.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a tenant that breaks a limit while it runs. Two of these run: one for CPU, one for memory.
 *
 * <p>CPU: every half millisecond, each JS thread's CPU clock is read; when the running invocation's total passes its
 * limit, the isolate's execution is terminated (the overshoot is the poll interval plus about 0.1 ms to unwind).
 * {@code terminateExecution} is the only V8 call this thread makes, and it never blocks.
 *
 * <p>Memory: every two milliseconds, each running isolate is asked for its heap statistics; an isolate over its
 * limit (JS heap plus external memory such as ArrayBuffers) is terminated. Javet answers through a V8 interrupt while
 * JS runs, but blocks on the isolate's lock when the isolate is held between two JS calls. That is why memory has its
 * own thread: a blocked memory poll must never stop the CPU watchdog from ending the loop that holds the lock.
 * Javet exposes no near-heap-limit callback, so this poll, with V8's far higher old-space limit as a backstop, is
 * what keeps one tenant from taking the process down.
 */
final class Watchdog extends Thread {
    enum Kind { CPU, MEMORY }

    private final Kind kind;
    private final JsThreads jsThreads;
    private final long pollNanos;

    Watchdog(Kind kind, JsThreads jsThreads) {
        super("corral-watchdog-" + kind.name().toLowerCase());
        this.kind = kind;
        this.jsThreads = jsThreads;
        this.pollNanos = kind == Kind.CPU ? TimeUnit.MICROSECONDS.toNanos(500) : TimeUnit.MILLISECONDS.toNanos(2);
        setDaemon(true);
        setPriority(MAX_PRIORITY);
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            for (JsThreads.JsThread thread : jsThreads.threads()) {
                JsThreads.Running running = thread.running;
                if (running == null) continue;
                if (kind == Kind.MEMORY) {
                    running.isolate().pollMemory(true);
                    continue;
                }
                Invocation invocation = running.invocation();
                if (invocation == null) continue;
                long used = invocation.cpuNanos() + JsThreads.CPU.getThreadCpuTime(thread.threadId()) - running.cpuStartNanos();
                if (used > invocation.cpuLimitNanos()) running.isolate().terminate(WorkerError.cpu(), invocation);
            }
            LockSupport.parkNanos(pollNanos);
        }
    }
}
