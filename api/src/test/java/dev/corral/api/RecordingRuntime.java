package dev.corral.api;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.StartupReport;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The serving side minus V8: records what it is told and reports a fetch handler. A module containing
 * {@code SYNTAX ERROR} fails the check as the real runtime reports a syntax error.
 */
final class RecordingRuntime implements ScriptRuntime {
    final List<Map<String, String>> checkedSecrets = new CopyOnWriteArrayList<>();
    final List<ScriptKey> scriptsChanged = new CopyOnWriteArrayList<>();
    final List<String> namespacesChanged = new CopyOnWriteArrayList<>();

    @Override
    public StartupReport check(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets) {
        checkedSecrets.add(secrets);
        for (var module : modules.entrySet()) {
            if (new String(module.getValue(), StandardCharsets.UTF_8).contains("SYNTAX ERROR")) {
                throw PlatformException.invalid(10021, "Uncaught SyntaxError: Unexpected identifier at " + module.getKey() + ":1:8");
            }
        }
        return new StartupReport(1.0, List.of("fetch"));
    }

    @Override
    public void scriptChanged(ScriptKey key) {
        scriptsChanged.add(key);
    }

    @Override
    public void namespaceChanged(String namespaceId) {
        namespacesChanged.add(namespaceId);
    }

    @Override
    public void routesChanged(String accountId) {
        throw new AssertionError("namespace and script endpoints never change routes");
    }
}
