package dev.corral.platform.serve;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.StartupReport;
import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.Limits;
import dev.corral.runtime.Outcome;
import dev.corral.runtime.Startup;
import dev.corral.runtime.WorkerError;
import dev.corral.runtime.WorkerRuntime;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import dev.corral.storage.ControlStore;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The serving side of the platform: finds the version a script serves, runs it in its isolate, and makes every hop
 * between workers (dispatcher to user worker, service bindings, user worker to outbound worker) a host call with the
 * right limits, egress and trust.
 *
 * <p>Live versions are cached by script. A change committed by the control plane drops the script's entry before the
 * API answers, so the next request loads the new version; the old isolate is retired, finishing what it has in flight.
 */
public final class Dispatch implements ScriptRuntime {
    /** Cloudflare's limit on nested worker invocations (error 1019). */
    static final int MAX_DEPTH = 16;
    static final String DEPTH_MESSAGE = "Subrequest depth limit exceeded. This request recursed through Workers too many "
            + "times. This can happen e.g. if you have a Worker or Durable Object that calls other Workers or objects recursively.";
    private static final long CHECK_TIMEOUT_SECONDS = 30;

    /** Told of every invocation's end, for metrics and logs. */
    @FunctionalInterface
    public interface Observer {
        void finished(ScriptKey script, Invocation invocation, Outcome outcome);
    }

    private final WorkerRuntime runtime;
    private final ScriptSource source;
    private final ControlStore store;
    private final Egress network;
    private final Limits defaults;
    private final Observer observer;
    private final Consumer<String> routesChanged;
    private final ConcurrentHashMap<ScriptKey, LiveScript> scripts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NamespaceRecord> namespaces = new ConcurrentHashMap<>();
    /** Bumped by every change, so a load that raced with a change is served once but not cached. */
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param network  the real network, where fetches go when no outbound worker stands in front of it.
     * @param defaults the node's limits; scripts and dispatchers may only lower them.
     * @param routesChanged told the account whose routes changed, so the front door rebuilds its route table.
     */
    public Dispatch(WorkerRuntime runtime, ScriptSource source, ControlStore store, Egress network, Limits defaults, Observer observer,
                    Consumer<String> routesChanged) {
        this.routesChanged = routesChanged;
        this.runtime = runtime;
        this.source = source;
        this.store = store;
        this.network = new LoopTaggedEgress(network);
        this.defaults = defaults;
        this.observer = observer;
    }

    /**
     * Serves a request that came in from the public listener with a plain script, such as the platform's dispatcher.
     *
     * @param depth invocations already above this one, from the request's {@code cf-ew-via} header.
     */
    public CompletableFuture<WorkerResponse> serve(ScriptKey key, WorkerRequest request, int depth) {
        Optional<LiveScript> script = live(key);
        if (script.isEmpty()) return CompletableFuture.failedFuture(new WorkerError(Outcome.EXCEPTION, "Worker not found.", null));
        Invocation invocation = invoke(script.get(), request, defaults.lowerTo(script.get().cpuMillis(), script.get().subrequests()),
                network, depth, null);
        // A limit a user worker broke, which the dispatcher let through, reaches the client as that limit's error.
        return invocation.response().exceptionallyCompose(error -> CompletableFuture.failedFuture(
                invocation.limitFailure() != null ? invocation.limitFailure() : error));
    }

    /** The depth a request arriving at the front door starts at, from the mark its maker's egress put on it. */
    public static int depthOf(dev.corral.runtime.http.HeaderList headers) {
        return LoopTaggedEgress.depthOf(headers);
    }

    /**
     * Runs one fetch event in a script's isolate. Over the depth limit the invocation fails at once, and its
     * caller's {@code fetch()} rejects.
     */
    Invocation invoke(LiveScript script, WorkerRequest request, Limits limits, Egress egress, int depth, String envOverlay) {
        if (depth >= MAX_DEPTH) {
            Invocation refused = new Invocation(request, limits, egress, depth, envOverlay);
            refused.response().completeExceptionally(new WorkerError(Outcome.EXCEPTION, DEPTH_MESSAGE, null));
            return refused;
        }
        Invocation invocation = runtime.isolate(script.worker(), () -> new ScriptBindings(this, script))
                .fetch(request, limits, egress, depth, envOverlay);
        invocation.finished().thenAccept(outcome -> observer.finished(script.key(), invocation, outcome));
        return invocation;
    }

    /** The version a script serves now, loaded on first use. */
    Optional<LiveScript> live(ScriptKey key) {
        LiveScript cached = scripts.get(key);
        if (cached != null) return Optional.of(cached);
        long before = generation.get();
        Optional<LiveScript> loaded = source.load(key).map(LiveScripts::build);
        // Unknown names are not cached: a dispatcher may be asked for any name, and a cache of misses would grow
        // with whatever hostnames clients send.
        if (loaded.isPresent() && generation.get() == before) scripts.putIfAbsent(key, loaded.get());
        return loaded;
    }

    Optional<NamespaceRecord> namespace(String accountId, String name) {
        String cacheKey = accountId + "/" + name;
        NamespaceRecord cached = namespaces.get(cacheKey);
        if (cached != null) return Optional.of(cached);
        long before = generation.get();
        Optional<NamespaceRecord> loaded = store.namespace(accountId, name);
        if (loaded.isPresent() && generation.get() == before) namespaces.putIfAbsent(cacheKey, loaded.get());
        return loaded;
    }

    Limits defaults() {
        return defaults;
    }

    Egress network() {
        return network;
    }

    // ------------------------------------------------------------------ ScriptRuntime: what the control plane calls

    @Override
    public StartupReport check(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets) {
        LiveScript script;
        try {
            script = LiveScripts.build(new ScriptSnapshot(key, version, modules, secrets));
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalid(10021, e.getMessage());
        }
        try {
            // The checked isolate goes into the cache, under the version's id: the version's first request then finds
            // it started. A version that fails to start dies, and leaves the cache with its isolate.
            Startup startup = runtime.isolate(script.worker(), () -> new ScriptBindings(this, script)).started()
                    .get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new StartupReport(startup.millis(), startup.handlers());
        } catch (ExecutionException e) {
            String message = e.getCause() instanceof WorkerError w && w.outcome() == Outcome.EXCEEDED_CPU
                    ? "Script startup exceeded CPU time limit." : e.getCause().getMessage();
            throw PlatformException.invalid(10021, message);
        } catch (TimeoutException e) {
            throw PlatformException.invalid(10021, "Script startup timed out.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a script", e);
        }
    }

    @Override
    public void scriptChanged(ScriptKey key) {
        generation.incrementAndGet();
        LiveScript old = scripts.remove(key);
        if (old != null) runtime.retire(old.worker().id());
    }

    @Override
    public void namespaceChanged(String namespaceId) {
        generation.incrementAndGet();
        namespaces.values().removeIf(ns -> ns.id().equals(namespaceId));
        scripts.keySet().stream().filter(key -> key.namespaceId().equals(namespaceId)).toList().forEach(this::scriptChanged);
    }

    @Override
    public void routesChanged(String accountId) {
        routesChanged.accept(accountId);
    }
}
