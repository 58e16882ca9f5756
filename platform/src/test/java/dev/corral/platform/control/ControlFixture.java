package dev.corral.platform.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import dev.corral.storage.ControlStore;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.sqlite.SqliteControlStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A control plane over a real SQLite store in a temporary directory, with a recording runtime. */
final class ControlFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "acc1";

    final ControlStore store;
    final RecordingRuntime runtime = new RecordingRuntime();
    final ControlPlane control;

    ControlFixture(Path dataDir) {
        this(dataDir, ControlLimits.DEFAULT);
    }

    ControlFixture(Path dataDir, ControlLimits limits) {
        store = SqliteControlStore.open(dataDir);
        control = new ControlPlane(store, runtime, SecretSealer.forDataDir(dataDir), limits, Clock.systemUTC());
    }

    NamespaceRecord namespace(String name) {
        return control.namespaces().create(ACCOUNT, NamespaceChange.named(name)).namespace();
    }

    ScriptKey key(NamespaceRecord namespace, String script) {
        return new ScriptKey(ACCOUNT, namespace.id(), script);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static UploadedModule module(String name, String type, String source) {
        return new UploadedModule(name, type, source.getBytes(StandardCharsets.UTF_8));
    }

    static ScriptUpload esm(String metadata, String source) {
        return new ScriptUpload(json(metadata), List.of(module("index.js", "application/javascript+module", source)));
    }

    /** A hello-world ES module worker upload with the given extra metadata fields (JSON object body, ' for "). */
    static ScriptUpload hello(String extraMetadata) {
        String fields = extraMetadata.isEmpty() ? "" : ", " + extraMetadata;
        return esm("{'main_module':'index.js'" + fields + "}",
                "export default { fetch() { return new Response('hi'); } }");
    }

    /** Everything the SPI shows about the account, to compare before and after a refused request. */
    String snapshot() {
        return StoreSnapshot.of(store, ACCOUNT);
    }

    @Override
    public void close() {
        store.close();
    }
}
