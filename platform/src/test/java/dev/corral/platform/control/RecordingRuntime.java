package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.StartupReport;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.VersionRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The serving side as the control plane sees it, minus V8: it records every call and reports a fetch handler. A
 * module whose source contains {@code SYNTAX ERROR} fails the check the way the real runtime reports one.
 */
public final class RecordingRuntime implements ScriptRuntime {
    public record Check(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets) {}

    public final List<Check> checks = new CopyOnWriteArrayList<>();
    public final List<ScriptKey> scriptsChanged = new CopyOnWriteArrayList<>();
    public final List<String> namespacesChanged = new CopyOnWriteArrayList<>();
    public final List<String> routesChanged = new CopyOnWriteArrayList<>();
    private final boolean routesMayChange;

    /** For the control plane's script and namespace operations, which must never announce a route change. */
    public RecordingRuntime() {
        this(false);
    }

    private RecordingRuntime(boolean routesMayChange) {
        this.routesMayChange = routesMayChange;
    }

    /** For zones and routes, whose changes it records. */
    public static RecordingRuntime recordingRouteChanges() {
        return new RecordingRuntime(true);
    }

    /** Runs inside the next check, between the control plane's reads and its writes. */
    public volatile Runnable duringNextCheck;

    @Override
    public StartupReport check(ScriptKey key, VersionRecord version, Map<String, byte[]> modules, Map<String, String> secrets) {
        checks.add(new Check(key, version, modules, secrets));
        Runnable during = duringNextCheck;
        duringNextCheck = null;
        if (during != null) {
            during.run();
        }
        for (var module : modules.entrySet()) {
            if (new String(module.getValue(), java.nio.charset.StandardCharsets.UTF_8).contains("SYNTAX ERROR")) {
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
        if (!routesMayChange) {
            throw new AssertionError("The control plane's script and namespace operations never change routes");
        }
        routesChanged.add(accountId);
    }
}
