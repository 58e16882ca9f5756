package dev.corral.runtime;

import com.caoccao.javet.exceptions.BaseJavetScriptingException;
import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.exceptions.JavetTerminatedException;
import com.caoccao.javet.interop.V8Locker;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.values.V8Value;
import com.caoccao.javet.values.reference.V8ValueFunction;
import com.caoccao.javet.values.reference.V8ValueObject;
import dev.corral.runtime.http.Body;
import dev.corral.runtime.http.BodyPipe;
import dev.corral.runtime.http.WorkerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One worker version in its own V8 isolate, run as an actor.
 *
 * <p>Every touch of the isolate is a {@link Task} on its queue, run by whichever JS thread takes the isolate. Tasks
 * carry the invocation they work for, so CPU time is charged to it and the watchdog can stop it. All fields marked
 * "JS thread" are only touched while a JS thread holds this isolate, so they need no locks.
 *
 * <p>An isolate that broke a limit is terminated and disposed, never reused half-way; the cache then builds a new
 * one for the next request.
 */
public final class Isolate {
    private static final Logger LOG = Logger.getLogger(Isolate.class.getName());
    /** Tasks one slice runs before the thread moves on, so a busy isolate cannot starve the others. */
    private static final int TASKS_PER_SLICE = 64;
    /**
     * An isolate that never runs long enough for the memory watchdog to catch it running is checked at the end of a
     * slice: every 32nd slice, and any slice that used a millisecond of CPU (allocating costs CPU).
     */
    private static final int SLICES_PER_MEMORY_CHECK = 32;
    private static final long SLICE_CPU_FOR_MEMORY_CHECK_NANOS = 1_000_000;
    private static final long MEMORY_POLL_STALE_NANOS = 50_000_000;
    private static final long FULL_GC_INTERVAL_NANOS = 1_000_000_000;

    /** How an uncaught exception's message reads ("TypeError: ..."), see 90_worker.js describe(). */
    private static final Pattern THROWN_ERROR = Pattern.compile("(Error|TypeError|RangeError|SyntaxError|ReferenceError): (.*)", Pattern.DOTALL);

    enum State { LOADING, READY, RETIRING, DEAD }

    @FunctionalInterface
    interface JsAction {
        void run() throws JavetException;
    }

    record Task(Invocation invocation, JsAction action) {}

    /** An asynchronous op in flight: whom it belongs to and how to stop it. */
    record PendingCall(Invocation owner, Future<?> cancel) {}

    private final WorkerRuntime host;
    private final WorkerScript script;
    private final BindingHost bindings;
    private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicReference<WorkerError> termination = new AtomicReference<>();
    private final AtomicBoolean memoryPollPending = new AtomicBoolean();
    /** Held while a memory poll is inside Javet's native call, so disposal never frees the isolate under it. */
    private final ReentrantLock statsLock = new ReentrantLock();
    private volatile long memoryPollStartedNanos;
    private final AtomicInteger active = new AtomicInteger();
    private final Invocation startup;
    private final CompletableFuture<Startup> started = new CompletableFuture<>();
    private volatile State state = State.LOADING;
    private volatile V8Runtime runtime;
    private volatile long heapBytes;
    private long startNanos;
    private long restoredNanos;

    // JS thread only.
    private V8ValueFunction settleFn;
    private V8ValueFunction dispatchFetchFn;
    private V8ValueFunction forgetFn;
    private final Map<Integer, Invocation> invocations = new HashMap<>();
    private final Map<Integer, PendingCall> pendingCalls = new HashMap<>();
    private final PipeTable pipes = new PipeTable();
    private Invocation current;
    private int slicesSinceMemoryCheck;
    private long lastFullGcNanos = System.nanoTime() - FULL_GC_INTERVAL_NANOS;

    Isolate(WorkerRuntime host, WorkerScript script, BindingHost bindings) {
        this.host = host;
        this.script = script;
        this.bindings = bindings;
        Limits startupLimits = Limits.DEFAULT.withCpuMillis(host.config().startupCpuMillis());
        this.startup = new Invocation(null, startupLimits, null, 0, null);
        submit(new Task(startup, this::load));
    }

    public WorkerScript script() {
        return script;
    }

    public boolean isDead() {
        return state == State.DEAD;
    }

    /** Serves requests: loading or ready, and not being drained. */
    public boolean isServing() {
        State s = state;
        return s == State.LOADING || s == State.READY;
    }

    /** JS heap plus external memory, as last measured. */
    public long heapBytes() {
        return heapBytes;
    }

    /**
     * Starts a fetch event. The returned invocation's {@code response()} completes with the worker's response, or
     * fails with a {@link WorkerError}.
     */
    public Invocation fetch(WorkerRequest request, Limits limits, Egress egress, int depth, String envOverlay) {
        Invocation invocation = new Invocation(request, limits, egress, depth, envOverlay);
        active.incrementAndGet();
        invocation.finished().whenComplete((outcome, error) -> {
            if (active.decrementAndGet() == 0 && state == State.RETIRING) disposeWhenIdle();
        });
        if (!isServing()) {
            invocation.fail(new WorkerError(Outcome.CANCELED, "The isolate serving this worker was shut down.", null));
            return invocation;
        }
        submit(new Task(invocation, () -> startFetch(invocation)));
        return invocation;
    }

    /** Stops taking new work and disposes the isolate once in-flight invocations finish (a deploy or an eviction). */
    public void retire() {
        if (state == State.DEAD) return;
        state = State.RETIRING;
        if (active.get() == 0) disposeWhenIdle();
    }

    private void disposeWhenIdle() {
        submit(new Task(null, () -> die(new WorkerError(Outcome.CANCELED, "The isolate was retired.", null))));
    }

    // ---------------------------------------------------------------- scheduling

    void submit(Task task) {
        tasks.add(task);
        if (queued.compareAndSet(false, true)) host.threads().schedule(this);
    }

    /** Runs up to a slice of queued tasks. Called by a JS thread that took this isolate off the run queue. */
    void runSlice(JsThreads.JsThread thread) {
        try {
            if (state == State.DEAD) {
                drainAfterDeath();
                return;
            }
            if (runtime == null) {
                startNanos = System.nanoTime();
                runtime = host.engine().newRuntime(script.id());
                restoredNanos = System.nanoTime();
            }
            try (V8Locker locker = runtime.getV8Locker()) {
                long sliceStart = thread.cpuNanos();
                for (int n = 0; n < TASKS_PER_SLICE && state != State.DEAD; n++) {
                    Task task = tasks.poll();
                    if (task == null) break;
                    runTask(thread, task);
                    if (termination.get() != null) die(termination.get());
                }
                boolean busySlice = thread.cpuNanos() - sliceStart > SLICE_CPU_FOR_MEMORY_CHECK_NANOS;
                if (state != State.DEAD && (busySlice || ++slicesSinceMemoryCheck >= SLICES_PER_MEMORY_CHECK)) {
                    slicesSinceMemoryCheck = 0;
                    collectGarbageNearLimit();
                    pollMemory();
                }
            }
            if (state == State.DEAD) closeRuntime();
        } catch (JavetException | RuntimeException e) {
            LOG.log(Level.SEVERE, "isolate for " + script.id() + " failed", e);
            die(new WorkerError(Outcome.EXCEPTION, "Internal error in the worker runtime.", null));
            closeRuntime();
        } finally {
            queued.set(false);
            if (!tasks.isEmpty() && queued.compareAndSet(false, true)) host.threads().schedule(this);
        }
    }

    private void runTask(JsThreads.JsThread thread, Task task) {
        Invocation invocation = task.invocation();
        current = invocation;
        long cpuStart = thread.cpuNanos();
        thread.running = new JsThreads.Running(this, invocation, cpuStart);
        try {
            task.action().run();
        } catch (JavetTerminatedException e) {
            termination.compareAndSet(null, WorkerError.cpu());
        } catch (BaseJavetScriptingException e) {
            if (invocation != null && invocation != startup) {
                invocation.fail(new WorkerError(Outcome.EXCEPTION, e.getScriptingError().getMessage(), e.getScriptingError().getStack()));
            } else {
                LOG.warning(() -> "uncaught in " + script.id() + ": " + e.getScriptingError().getMessage());
            }
        } catch (JavetException e) {
            LOG.log(Level.WARNING, "host error in " + script.id(), e);
        } finally {
            thread.running = null;
            if (invocation != null) invocation.addCpu(thread.cpuNanos() - cpuStart);
            current = null;
        }
    }

    // ---------------------------------------------------------------- limits

    /** Called by the watchdog (any thread): stop the isolate because {@code culprit} broke a limit. */
    void terminate(WorkerError error, Invocation culprit) {
        if (termination.compareAndSet(null, error)) {
            V8Runtime r = runtime;
            if (r != null) r.terminateExecution();
            LOG.info(() -> "terminating " + script.id() + " (invocation " + culprit.id() + "): " + error.getMessage());
        }
    }

    /**
     * A busy isolate's old generation fills with garbage long before V8, whose own heap limit is far above a
     * tenant's, decides to collect it; counted as used, that garbage would break the tenant's memory limit though the
     * worker holds little. So between tasks, holding the lock, an isolate past half its limit is collected in full,
     * at most once a second, and only what survives can break the limit.
     */
    private void collectGarbageNearLimit() {
        long now = System.nanoTime();
        if (heapBytes <= host.config().memoryLimitBytes() / 2 || now - lastFullGcNanos < FULL_GC_INTERVAL_NANOS) return;
        lastFullGcNanos = now;
        runtime.lowMemoryNotification();
    }

    /**
     * Asks V8 how much memory the isolate holds and terminates it when over its limit. The answer arrives through a
     * V8 interrupt while JS runs; between JS calls the native call may block on the isolate's lock, so the JS thread
     * only polls while it holds that lock itself, and disposal waits for any poll still inside the native call.
     */
    void pollMemory() {
        if (!statsLock.tryLock()) return;
        try {
            V8Runtime r = runtime;
            if (r == null || r.isClosed() || state == State.DEAD) return;
            // An answer owed through an interrupt may never come (the isolate stopped running JS); a stale poll must
            // not silence every later one.
            long now = System.nanoTime();
            if (!memoryPollPending.compareAndSet(false, true) && now - memoryPollStartedNanos < MEMORY_POLL_STALE_NANOS) return;
            memoryPollStartedNanos = now;
            r.getV8HeapStatistics().whenComplete((stats, error) -> {
                memoryPollPending.set(false);
                if (stats == null) return;
                heapBytes = stats.getUsedHeapSize() + stats.getExternalMemory();
                if (heapBytes > host.config().memoryLimitBytes()) {
                    Invocation culprit = current != null ? current : startup;
                    terminate(WorkerError.memory(), culprit);
                }
            });
        } catch (RuntimeException e) {
            memoryPollPending.set(false);
        } finally {
            statsLock.unlock();
        }
    }

    // ---------------------------------------------------------------- lifecycle (JS thread)

    private void load() throws JavetException {
        List<String> handlers;
        try (V8ValueObject global = runtime.getGlobalObject();
             V8ValueObject internal = global.get("__corralInternal")) {
            settleFn = internal.get("settle");
            dispatchFetchFn = internal.get("dispatchFetch");
            forgetFn = internal.get("forget");
            try (V8ValueObject ops = new HostOps(this).build(runtime);
                 V8ValueFunction init = internal.get("init")) {
                init.callVoid(internal, ops);
            }
            runtime.allowEval(false);
            try {
                new ModuleLoader(runtime, script, internal).install(bindingsJson());
            } catch (WorkerError e) {
                die(e);
                return;
            }
            try (V8ValueFunction names = internal.get("handlerNames")) {
                handlers = List.of(names.callString(null).split(",")).stream().filter(n -> !n.isEmpty()).toList();
            }
        }
        if (termination.get() == null) state = state == State.LOADING ? State.READY : state;
        double startupMillis = (System.nanoTime() - startNanos) / 1e6;
        started.complete(new Startup(startupMillis, handlers));
        double restoreMillis = (restoredNanos - startNanos) / 1e6;
        LOG.info(() -> String.format("isolate started: %s startup_ms=%.3f restore_ms=%.3f", script.id(), startupMillis, restoreMillis));
        host.observer().isolateStarted(script.id(), startupMillis);
    }

    /** Completes once the worker's top-level code has run, or fails with why it could not start. */
    public CompletableFuture<Startup> started() {
        return started;
    }

    private String bindingsJson() {
        StringBuilder out = new StringBuilder("[");
        for (WorkerBinding b : script.bindings()) {
            if (out.length() > 1) out.append(',');
            out.append("{\"name\":").append(Json.quote(b.name()))
                    .append(",\"type\":").append(Json.quote(b.type()))
                    .append(",\"value\":").append(Json.quote(b.value())).append('}');
        }
        return out.append(']').toString();
    }

    private void startFetch(Invocation invocation) throws JavetException {
        invocations.put(invocation.id(), invocation);
        WorkerRequest request = invocation.request();
        int bodyHandle = request.body() instanceof Body.Empty ? -1 : pipes.add(request.body().asPipe(), invocation, false);
        dispatchFetchFn.callVoid(null, invocation.id(), request.method(), request.url(), request.headers().flat(),
                bodyHandle, request.cf(), invocation.envOverlay());
    }

    /** Ends an invocation's life in this isolate: its timers, pending I/O and pipes go with it. */
    void endInvocation(Invocation invocation, Outcome outcome) {
        if (invocations.remove(invocation.id()) == null) return;
        List<Integer> orphaned = new ArrayList<>();
        pendingCalls.entrySet().removeIf(entry -> {
            if (entry.getValue().owner() != invocation) return false;
            Future<?> cancel = entry.getValue().cancel();
            if (cancel != null) cancel.cancel(false);
            orphaned.add(entry.getKey());
            return true;
        });
        for (int callId : orphaned) {
            try {
                forgetFn.callVoid(null, callId);
            } catch (JavetException e) {
                LOG.log(Level.FINE, "forget failed", e);
            }
        }
        pipes.dropOwnedBy(invocation);
        invocation.finish(outcome);
    }

    private void die(WorkerError error) {
        if (state == State.DEAD) return;
        state = State.DEAD;
        termination.compareAndSet(null, error);
        WorkerError cause = termination.get();
        startup.fail(cause);
        started.completeExceptionally(cause);
        for (Invocation invocation : List.copyOf(invocations.values())) invocation.fail(cause);
        invocations.clear();
        for (PendingCall call : pendingCalls.values()) {
            if (call.cancel() != null) call.cancel().cancel(false);
        }
        pendingCalls.clear();
        pipes.dropAll();
        drainAfterDeath();
        host.onDeath(this);
    }

    private void drainAfterDeath() {
        WorkerError cause = termination.get();
        Task task;
        while ((task = tasks.poll()) != null) {
            if (task.invocation() != null) task.invocation().fail(cause);
        }
    }

    private void closeRuntime() {
        V8Runtime r = runtime;
        if (r == null || r.isClosed()) return;
        statsLock.lock();
        try {
            for (V8ValueFunction f : new V8ValueFunction[] {settleFn, dispatchFetchFn, forgetFn}) {
                if (f != null) f.close();
            }
            r.close();
        } catch (JavetException e) {
            LOG.log(Level.WARNING, "closing isolate for " + script.id(), e);
        } finally {
            statsLock.unlock();
        }
    }

    // ---------------------------------------------------------------- services for HostOps (JS thread)

    V8Runtime runtime() {
        return runtime;
    }

    WorkerRuntime host() {
        return host;
    }

    BindingHost bindings() {
        return bindings;
    }

    PipeTable pipes() {
        return pipes;
    }

    /** The invocation whose task is running, or null during startup (module top level). */
    Invocation currentInvocation() {
        return current == startup ? null : current;
    }

    Invocation invocation(int id) {
        return invocations.get(id);
    }

    void trackCall(int callId, Invocation owner, Future<?> cancel) {
        pendingCalls.put(callId, new PendingCall(owner, cancel));
    }

    /** Cancels a pending call that JS no longer wants (a cleared timer, an aborted fetch). */
    void cancelCall(int callId) {
        PendingCall call = pendingCalls.remove(callId);
        if (call != null && call.cancel() != null) call.cancel().cancel(false);
    }

    /** Settles a pending call from any thread: queues a task that resolves the JS promise. */
    void settleLater(int callId, Invocation owner, boolean ok, Object value) {
        submit(new Task(owner, () -> settleNow(callId, ok, () -> value)));
    }

    /**
     * Settles a pending call when its future completes. {@code toJs} runs on the JS thread, and only if JS still
     * waits for the call, so it may register handles.
     */
    <T> void settleWhenDone(int callId, Invocation owner, CompletableFuture<T> future, Function<T, Object> toJs) {
        trackCall(callId, owner, future);
        future.whenComplete((value, error) -> submit(new Task(owner, () -> {
            if (error != null) settleNow(callId, false, () -> errorPayload(error));
            else settleNow(callId, true, () -> toJs.apply(value));
        })));
    }

    private void settleNow(int callId, boolean ok, Supplier<Object> value) throws JavetException {
        if (pendingCalls.remove(callId) == null) return;
        try (V8Value jsValue = V8Values.toV8(runtime, value.get())) {
            settleFn.callVoid(null, runtime.createV8ValueInteger(callId), runtime.createV8ValueBoolean(ok), jsValue);
        }
    }

    /** A rejection as the JS side rebuilds it: [error constructor or DOMException name, message]. */
    static Object[] errorPayload(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.CancellationException) return new Object[] {"AbortError", "The operation was aborted."};
        if (cause instanceof WorkerError w) {
            // An exception thrown by a worker this one called reaches it as the same error: its name and message,
            // so that `e.message.startsWith(...)` checks in a dispatcher see what the user worker threw.
            Matcher thrown = THROWN_ERROR.matcher(w.getMessage());
            if (w.outcome() == Outcome.EXCEPTION && thrown.matches()) return new Object[] {thrown.group(1), thrown.group(2)};
            return new Object[] {"Error", w.getMessage()};
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new Object[] {"TypeError", message};
    }

    /**
     * A handle table for the body pipes this isolate's JS may touch, each owned by an invocation. A pipe the host
     * fills (a request body, a fetch response) is readable by JS; a pipe JS fills (a streamed response) is writable.
     */
    static final class PipeTable {
        private record Entry(BodyPipe pipe, Invocation owner, boolean writable) {}

        private final Map<Integer, Entry> entries = new HashMap<>();
        private int nextHandle = 1;

        int add(BodyPipe pipe, Invocation owner, boolean writable) {
            int handle = nextHandle++;
            entries.put(handle, new Entry(pipe, owner, writable));
            return handle;
        }

        BodyPipe get(int handle) {
            Entry entry = entries.get(handle);
            if (entry == null) throw V8Values.typeError("no such body stream");
            return entry.pipe();
        }

        /**
         * The pipe a body handle names, as JS hands it to the host (to respond with, or to send). A readable pipe
         * leaves the table: its new reader owns it, so it outlives the invocation that received it. A writable pipe
         * stays, since JS still writes to it.
         */
        BodyPipe handOver(int handle) {
            Entry entry = entries.get(handle);
            if (entry == null) throw V8Values.typeError("no such body stream");
            if (!entry.writable()) entries.remove(handle);
            return entry.pipe();
        }

        void remove(int handle) {
            entries.remove(handle);
        }

        void dropOwnedBy(Invocation owner) {
            entries.values().removeIf(entry -> {
                if (entry.owner() != owner) return false;
                entry.pipe().cancel(new IllegalStateException("the request that owned this body ended"));
                return true;
            });
        }

        void dropAll() {
            entries.values().forEach(entry -> entry.pipe().cancel(new IllegalStateException("the worker was stopped")));
            entries.clear();
        }
    }
}
