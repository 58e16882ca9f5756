package dev.corral.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

/**
 * The fixed pool of JS threads. Isolates are actors: an isolate with queued work is put on the run queue once, a
 * thread takes it, runs a slice of its tasks and releases it. One isolate never runs on two threads at once.
 */
final class JsThreads {
    /** V8's own stack limit is about 1 MB; the thread gets far more, so deep recursion ends in a RangeError, not a crash. */
    private static final long STACK_BYTES = 16L << 20;

    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** What a JS thread is running now, published as one object so the watchdog never reads a torn state. */
    record Running(Isolate isolate, Invocation invocation, long cpuStartNanos) {}

    static final class JsThread extends Thread {
        private final LinkedBlockingQueue<Isolate> runQueue;
        volatile Running running;

        JsThread(int index, LinkedBlockingQueue<Isolate> runQueue) {
            super(null, null, "corral-js-" + index, STACK_BYTES);
            this.runQueue = runQueue;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                Isolate isolate;
                try {
                    isolate = runQueue.take();
                } catch (InterruptedException e) {
                    return;
                }
                isolate.runSlice(this);
            }
        }

        long cpuNanos() {
            return CPU.getCurrentThreadCpuTime();
        }
    }

    private final LinkedBlockingQueue<Isolate> runQueue = new LinkedBlockingQueue<>();
    private final List<JsThread> threads;

    JsThreads(int count) {
        threads = IntStream.range(0, count).mapToObj(i -> new JsThread(i, runQueue)).toList();
        threads.forEach(Thread::start);
    }

    void schedule(Isolate isolate) {
        runQueue.add(isolate);
    }

    List<JsThread> threads() {
        return threads;
    }

    void shutdown() {
        threads.forEach(Thread::interrupt);
    }
}
