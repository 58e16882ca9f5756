package dev.corral.runtime;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.interop.options.V8RuntimeOptions;

/**
 * The process-wide V8: its flags and the startup snapshot that every isolate starts from.
 *
 * <p>Loading the Web API layer takes milliseconds; restoring it from a snapshot takes about one. The snapshot holds
 * only JS (native callbacks cannot be serialised), so host ops are installed after each restore.
 */
final class V8Engine {
    private static V8Engine instance;

    private final byte[] snapshot;

    private V8Engine(byte[] snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * @param backstopHeapMb V8's own old-space limit per isolate. Reaching it aborts the process, so it sits far above
     *     any tenant limit: the watchdog stops tenants long before.
     */
    static synchronized V8Engine start(int backstopHeapMb) {
        if (instance == null) {
            V8RuntimeOptions.V8_FLAGS.setMaxOldSpaceSize(backstopHeapMb);
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

    /** A fresh isolate with the Web API layer loaded, ops not yet installed. */
    V8Runtime newRuntime(String workerId) throws JavetException {
        V8RuntimeOptions options = new V8RuntimeOptions();
        options.setSnapshotBlob(snapshot);
        V8Runtime runtime = V8Host.getV8Instance().createV8Runtime(options);
        runtime.setLogger(new JavetLog(workerId));
        // Unhandled rejections are the worker's business and reach its console through the JS layer, not Javet's log.
        runtime.setPromiseRejectCallback((event, promise, value) -> { });
        return runtime;
    }
}
