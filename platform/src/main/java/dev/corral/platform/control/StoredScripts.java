package dev.corral.platform.control;

import dev.corral.platform.serve.ScriptSnapshot;
import dev.corral.platform.serve.ScriptSource;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import java.util.Optional;

/**
 * The serving side's read path into the control plane's storage: a script's current version with its module bytes
 * and its secrets opened. It needs only the store and the sealer, so the serving side can exist before the control
 * plane that notifies it.
 */
public final class StoredScripts implements ScriptSource {
    private final ControlStore store;
    private final Catalog catalog;

    public StoredScripts(ControlStore store, SecretSealer sealer) {
        this.store = store;
        this.catalog = new Catalog(store, sealer);
    }

    @Override
    public Optional<ScriptSnapshot> load(ScriptKey key) {
        return store.script(key).flatMap(script -> store.version(script.versionId()).map(version -> new ScriptSnapshot(
                key, version, catalog.moduleBytes(version), catalog.openSecrets(script.tag()))));
    }
}
