package dev.corral.platform.serve;

import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.util.Map;

/**
 * Everything needed to run one version of a script: its stored version, its module bytes by name, and its secrets in
 * clear by name.
 */
public record ScriptSnapshot(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets) {
    public ScriptSnapshot {
        modules = Map.copyOf(modules);
        secrets = Map.copyOf(secrets);
    }
}
