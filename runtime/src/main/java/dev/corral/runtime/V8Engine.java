package dev.corral.runtime;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.interop.options.V8RuntimeOptions;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The process-wide V8: its flags, the startup snapshot that every isolate starts from, and a small pool of isolates
 * already restored from it.
 *
 * <p>Loading the Web API layer from source takes tens of milliseconds; restoring it from the snapshot takes a few.
 * That restore is still most of a cold start, so a background thread keeps {@link #POOL_SIZE} restored isolates
 * ready and a never-seen worker only pays for installing ops and loading its own code. The snapshot holds only JS
 * (native callbacks cannot be serialised), so host ops are installed after each restore.
 */
final class V8Engine {
    private static final int POOL_SIZE = 4;
    private static final Logger LOG = Logger.getLogger(V8Engine.class.getName());
    private static V8Engine instance;

    private final byte[] snapshot;
    private final BlockingQueue<V8Runtime> restored = new ArrayBlockingQueue<>(POOL_SIZE);
    private final Semaphore wanted = new Semaphore(POOL_SIZE);

    private V8Engine(byte[] snapshot) {
        this.snapshot = snapshot;
        Thread filler = new Thread(this::fillPool, "corral-isolate-pool");
        filler.setDaemon(true);
        filler.setPriority(Thread.MIN_PRIORITY);
        filler.start();
    }

    /** Keeps the pool full; runs only after isolates were taken, so a steady node spends nothing here. */
    private void fillPool() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wanted.acquire();
                restored.put(restore());
            } catch (InterruptedException e) {
                return;
            } catch (JavetException e) {
                LOG.warning(() -> "could not restore an isolate for the pool: " + e.getMessage());
            }
        }
    }

    private V8Runtime restore() throws JavetException {
        V8RuntimeOptions options = new V8RuntimeOptions();
        options.setSnapshotBlob(snapshot);
        return V8Host.getV8Instance().createV8Runtime(options);
    }

    /**
     * @param backstopHeapMb V8's own old-space limit per isolate. Reaching it aborts the process, so it sits far above
     *     any tenant limit: the watchdog stops tenants long before.
     */
    static synchronized V8Engine start(int backstopHeapMb) {
        if (instance == null) {
            V8RuntimeOptions.V8_FLAGS.setMaxOldSpaceSize(backstopHeapMb);
            String extraFlags = System.getProperty("corral.v8.flags", "");
            if (!extraFlags.isBlank()) V8RuntimeOptions.V8_FLAGS.setCustomFlags(extraFlags);
            instance = new V8Engine(buildSnapshot());
        }
        return instance;
    }

    private static byte[] buildSnapshot() {
        V8RuntimeOptions options = new V8RuntimeOptions();
        options.setCreateSnapshotEnabled(true);
        try (V8Runtime runtime = V8Host.getV8Instance().createV8Runtime(options)) {
            for (JsLayer.Source source : JsLayer.load()) {
                runtime.getExecutor(source.code()).setResourceName("corral:" + source.name()).executeVoid();
            }
            return runtime.createSnapshot();
        } catch (JavetException e) {
            throw new IllegalStateException("the JS layer failed to load: " + e.getMessage(), e);
        }
    }

    /** A fresh isolate with the Web API layer loaded, ops not yet installed: from the pool when it has one. */
    V8Runtime newRuntime(String workerId) throws JavetException {
        V8Runtime runtime = restored.poll();
        if (runtime != null) wanted.release();
        else runtime = restore();
        runtime.setLogger(new JavetLog(workerId));
        // Unhandled rejections are the worker's business and reach its console through the JS layer, not Javet's log.
        runtime.setPromiseRejectCallback((event, promise, value) -> { });
        return runtime;
    }
}
