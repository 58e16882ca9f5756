package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.storage.ControlStore;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.time.Clock;
import java.util.Map;

/**
 * The management operations of Workers for Platforms over a {@link ControlStore}: namespaces, scripts and their
 * versions, secrets and tags. Every operation validates fully before it writes, so a refused request
 * ({@link PlatformException}) leaves the store as it was; a new version is started once by
 * {@link ScriptRuntime#check} before anything is written, and the runtime hears of every committed change.
 *
 * <h2>Stored version metadata ({@link VersionRecord#metadataJson()})</h2>
 * A JSON object; every key is always present except that exactly one of the first two is:
 * <pre>
 * {
 *   "main_module": "index.js",          // ES module syntax: the entry module's name
 *   "body_part": "worker.js",           // service-worker syntax: the classic script's name
 *   "bindings": [ ... ],                // non-secret bindings, normalized (below); secrets live in SecretRecords
 *   "compatibility_date": "2025-01-01", // or null
 *   "compatibility_flags": ["nodejs_compat"],
 *   "limits": {"cpu_ms": 50, "subrequests": 10},  // each key optional, positive integers
 *   "usage_model": "standard",
 *   "logpush": false,
 *   "observability": {...} | null,      // as uploaded
 *   "placement": {...} | null,          // as uploaded
 *   "tail_consumers": [{"service": ..., "environment"?: ..., "namespace"?: ...}],
 *   "handlers": ["fetch"]               // what the startup check reported; not part of the version id
 * }
 * </pre>
 * Normalized bindings (only these types are stored):
 * <pre>
 * {"name", "type": "plain_text", "text"}
 * {"name", "type": "json", "json": any}
 * {"name", "type": "service", "service", "environment"?, "entrypoint"?, "props"?: {...}}
 * {"name", "type": "dispatch_namespace", "namespace",
 *          "outbound"?: {"worker": {"service", "environment"?, "entrypoint"?}, "params": [{"name"}]}}
 * </pre>
 * Secrets ({@code secret_text}) are {@code SecretRecord}s of the script's tag, sealed by {@link SecretSealer}; read
 * them in clear with {@link #secretValues}.
 *
 * <p>Module content types ({@link dev.corral.storage.ModuleRef#contentType()}) are normalized to one per kind:
 * {@code application/javascript+module} (ES module), {@code application/javascript} (the classic body part of a
 * service-worker script), {@code text/plain} (text), {@code application/octet-stream} (data), {@code application/wasm},
 * {@code application/json}, {@code application/source-map} (kept, never loaded). See {@link ModuleKinds}.
 */
public final class ControlPlane {
    private final Catalog catalog;
    private final NamespaceOperations namespaces;
    private final ScriptOperations scripts;
    private final SecretOperations secrets;
    private final TagOperations tags;

    public ControlPlane(ControlStore store, ScriptRuntime runtime, SecretSealer sealer, ControlLimits limits, Clock clock) {
        this.catalog = new Catalog(store, sealer);
        this.namespaces = new NamespaceOperations(store, runtime, clock, new ReadableNames());
        this.scripts = new ScriptOperations(catalog, new Deployer(catalog, runtime, clock), runtime, limits);
        this.secrets = new SecretOperations(catalog, runtime);
        this.tags = new TagOperations(catalog, runtime, clock);
    }

    public NamespaceOperations namespaces() {
        return namespaces;
    }

    public ScriptOperations scripts() {
        return scripts;
    }

    public SecretOperations secrets() {
        return secrets;
    }

    public TagOperations tags() {
        return tags;
    }

    /**
     * The key of a script in an account's dispatch namespace (the script need not exist).
     *
     * @throws PlatformException 404 if the account has no such namespace.
     */
    public ScriptKey namespacedScript(String accountId, String namespaceName, String scriptName) {
        NamespaceRecord namespace = namespaces.require(accountId, namespaceName);
        return new ScriptKey(accountId, namespace.id(), scriptName);
    }

    // ------------------------------------------------------------------ for the serving side

    /** The script's secrets in clear, by name, as its {@code env} holds them. */
    public Map<String, String> secretValues(ScriptKey key) {
        return catalog.openSecrets(catalog.requireScript(key).tag());
    }

    /** @throws PlatformException 404/10007 if there is no such script. */
    public VersionRecord currentVersion(ScriptKey key) {
        return catalog.version(catalog.requireScript(key).versionId());
    }

    /** The module bytes of a version by module name, in upload order. */
    public Map<String, byte[]> moduleBytes(VersionRecord version) {
        return catalog.moduleBytes(version);
    }
}
