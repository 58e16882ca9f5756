package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.storage.ControlStore;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.StoreConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Dispatch namespaces of an account. */
public final class NamespaceOperations {
    private static final int NAME_ATTEMPTS = 8;

    private final ControlStore store;
    private final ScriptRuntime runtime;
    private final Clock clock;
    private final ReadableNames names;

    NamespaceOperations(ControlStore store, ScriptRuntime runtime, Clock clock, ReadableNames names) {
        this.store = store;
        this.runtime = runtime;
        this.clock = clock;
        this.names = names;
    }

    /**
     * Creates a namespace; without a name it gets a readable unique one. Workers are untrusted and may reach the
     * network unless {@code spec} says otherwise.
     *
     * @throws PlatformException 400/10021 for an invalid or taken name.
     */
    public NamespaceView create(String accountId, NamespaceChange spec) {
        Instant now = now();
        boolean trusted = Boolean.TRUE.equals(spec.trustedWorkers());
        boolean egress = !Boolean.FALSE.equals(spec.egressAllowed());
        if (spec.name() != null) {
            NamespaceRecord record = new NamespaceRecord(UUID.randomUUID().toString(), accountId,
                    NameRules.requireNamespaceName(spec.name()), trusted, egress, now, now);
            try {
                store.createNamespace(record);
            } catch (StoreConflictException e) {
                throw nameTaken(spec.name());
            }
            return new NamespaceView(record, 0);
        }
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            NamespaceRecord record = new NamespaceRecord(UUID.randomUUID().toString(), accountId, names.next(),
                    trusted, egress, now, now);
            try {
                store.createNamespace(record);
                return new NamespaceView(record, 0);
            } catch (StoreConflictException taken) {
                // try another generated name
            }
        }
        throw new IllegalStateException("No free generated namespace name after " + NAME_ATTEMPTS + " attempts");
    }

    public List<NamespaceView> list(String accountId) {
        return store.namespaces(accountId).stream().map(this::view).toList();
    }

    /** @throws PlatformException 404 if the account has no such namespace. */
    public NamespaceView get(String accountId, String name) {
        return view(require(accountId, name));
    }

    /** Renames or re-flags a namespace; fields {@code change} leaves null stay. */
    public NamespaceView update(String accountId, String name, NamespaceChange change) {
        NamespaceRecord current = require(accountId, name);
        String newName = change.name() == null ? current.name() : NameRules.requireNamespaceName(change.name());
        NamespaceRecord updated = new NamespaceRecord(current.id(), accountId, newName,
                change.trustedWorkers() == null ? current.trustedWorkers() : change.trustedWorkers(),
                change.egressAllowed() == null ? current.egressAllowed() : change.egressAllowed(),
                current.createdOn(), now());
        try {
            store.updateNamespace(updated);
        } catch (StoreConflictException e) {
            throw nameTaken(newName);
        }
        runtime.namespaceChanged(current.id());
        return view(updated);
    }

    /** Deletes a namespace and every script in it. */
    public void delete(String accountId, String name) {
        NamespaceRecord namespace = require(accountId, name);
        store.deleteNamespace(namespace.id());
        runtime.namespaceChanged(namespace.id());
    }

    /** @throws PlatformException 404 if the account has no such namespace. */
    public NamespaceRecord require(String accountId, String name) {
        // No Cloudflare source we could find names the code for a missing dispatch namespace. 10121 is Corral's
        // choice: a 404 that is deliberately not 10007, which wrangler reads as "this script does not exist yet".
        return store.namespace(accountId, name).orElseThrow(() -> PlatformException.notFound(10121,
                "Dispatch namespace '" + name + "' was not found"));
    }

    private NamespaceView view(NamespaceRecord namespace) {
        return new NamespaceView(namespace, store.scriptCount(namespace.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static PlatformException nameTaken(String name) {
        // 400, not 409: the SDK retries 409 twice before failing.
        return PlatformException.invalid(10021, "A dispatch namespace named '" + name + "' already exists");
    }
}
