package dev.corral.platform;

import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.util.Map;

/**
 * What the control plane needs from the serving side: a check that a new version starts, and word that a script
 * changed so the next request serves its new version.
 */
public interface ScriptRuntime {
    /**
     * Starts the version in a throwaway isolate and runs its top-level code.
     *
     * @param modules the version's module bytes by module name.
     * @param secrets the script's secret values by name, in clear, as its env will hold them.
     * @throws PlatformException 400/10021 with V8's message and the module, line and column when it fails to compile
     *                           or throws at top level, or exceeds the startup CPU limit.
     */
    StartupReport check(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets);

    /** A script was deployed, re-pointed, had its secrets or settings changed, or was deleted. Called after commit. */
    void scriptChanged(ScriptKey key);

    /** A namespace was renamed, re-flagged or deleted. Called after commit. */
    void namespaceChanged(String namespaceId);

    /** Routes of an account changed. Called after commit. */
    void routesChanged(String accountId);
}
