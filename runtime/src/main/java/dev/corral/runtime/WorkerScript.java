package dev.corral.runtime;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable worker version: its modules, which one is the entry point, and which syntax it uses.
 *
 * @param id       identifies this version (namespace, script and content hash); isolates are cached under it.
 * @param syntax   ES modules ({@code export default}) or service-worker ({@code addEventListener('fetch')}).
 * @param mainModule the entry module's name.
 * @param modules  every module by name, in upload order.
 * @param bindings what the worker's {@code env} holds.
 */
public record WorkerScript(String id, Syntax syntax, String mainModule, Map<String, Module> modules,
                           List<WorkerBinding> bindings) {
    public enum Syntax { MODULES, SERVICE_WORKER }

    /** The module types a Workers upload may carry. */
    public enum ModuleType { ESM, TEXT, DATA, JSON, WASM }

    public record Module(String name, ModuleType type, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public WorkerScript {
        modules = Map.copyOf(new LinkedHashMap<>(modules));
        bindings = List.copyOf(bindings);
        if (!modules.containsKey(mainModule)) throw new IllegalArgumentException("main module " + mainModule + " is not among the modules");
    }
}
