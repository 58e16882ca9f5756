package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ModuleRef;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.VersionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Reads scripts, versions, modules and secrets from the store, failing with the API's not-found errors. */
final class Catalog {
    private final ControlStore store;
    private final SecretSealer sealer;
    private final ScriptLocks locks = new ScriptLocks();

    Catalog(ControlStore store, SecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    ControlStore store() {
        return store;
    }

    SecretSealer sealer() {
        return sealer;
    }

    /** Runs a read-modify-write of one script while no other such operation on it runs in this node. */
    <T> T locked(ScriptKey key, Supplier<T> work) {
        return locks.with(key, work);
    }

    /**
     * Inside a write transaction: fails if the script is no longer as {@code expected} (absent when empty), because
     * another node changed it since it was read.
     *
     * @throws PlatformException 400/10035, which rolls the transaction back.
     */
    void requireUnchanged(ScriptKey key, Optional<ScriptRecord> expected) {
        if (!store.script(key).equals(expected)) {
            // 400, not 409: the SDK would retry a 409 blindly.
            throw PlatformException.invalid(10035, "The script was changed by another request; retry");
        }
    }

    /** @throws PlatformException 404/10007 if there is no such script. */
    ScriptRecord requireScript(ScriptKey key) {
        return store.script(key).orElseThrow(() -> scriptNotFound());
    }

    static PlatformException scriptNotFound() {
        // Cloudflare's exact code and message; wrangler's deploy relies on 10007 meaning "no such script yet".
        return PlatformException.notFound(10007, "workers.api.error.script_not_found");
    }

    ScriptView view(ScriptRecord script) {
        VersionRecord version = version(script.versionId());
        return new ScriptView(script, version, VersionMetadata.parse(version.metadataJson()));
    }

    VersionRecord version(String versionId) {
        return store.version(versionId).orElseThrow(() -> new IllegalStateException(
                "Version " + versionId + " is referenced but not stored"));
    }

    List<ModuleFile> modules(VersionRecord version) {
        List<ModuleFile> modules = new ArrayList<>();
        for (ModuleRef ref : version.modules()) {
            byte[] content = store.blob(ref.sha256()).orElseThrow(() -> new IllegalStateException(
                    "Module " + ref.name() + " of version " + version.id() + " has no stored blob " + ref.sha256()));
            modules.add(new ModuleFile(ref.name(), ref.contentType(), content, ref.sha256()));
        }
        return modules;
    }

    Map<String, byte[]> moduleBytes(VersionRecord version) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        modules(version).forEach(m -> bytes.put(m.name(), m.content()));
        return bytes;
    }

    /** The script's secrets in clear, by name. */
    Map<String, String> openSecrets(String scriptTag) {
        Map<String, String> values = new TreeMap<>();
        store.secrets(scriptTag).forEach((name, secret) -> values.put(name, sealer.open(scriptTag, name, secret.sealed())));
        return values;
    }
}
