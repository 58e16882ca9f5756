package dev.corral.runtime;

import com.caoccao.javet.exceptions.BaseJavetScriptingException;
import com.caoccao.javet.exceptions.JavetCompilationException;
import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.exceptions.JavetScriptingError;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.values.V8Value;
import com.caoccao.javet.values.reference.IV8Module;
import com.caoccao.javet.values.reference.V8Module;
import com.caoccao.javet.values.reference.V8ValueFunction;
import com.caoccao.javet.values.reference.V8ValueObject;
import com.caoccao.javet.values.reference.V8ValuePromise;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles a worker's modules into its isolate and hands the entry point to the JS layer.
 *
 * <p>ES modules are real V8 modules; relative specifiers resolve against the importing module's name, as wrangler's
 * bundles expect. Text, data, JSON and wasm modules become synthetic modules with one default export.
 */
final class ModuleLoader {
    private final V8Runtime runtime;
    private final WorkerScript script;
    private final V8ValueObject internal;
    private final Map<String, IV8Module> compiled = new HashMap<>();
    /**
     * Each module's name as uploaded, under the path a relative import resolves to: wrangler uploads a text module as
     * {@code ./<hash>-banner.txt} and its bundle imports it as {@code ./<hash>-banner.txt}, which resolves to
     * {@code <hash>-banner.txt}.
     */
    private final Map<String, String> namesByPath = new HashMap<>();

    /** @param internal the JS layer's private namespace, which stays open while the worker loads. */
    ModuleLoader(V8Runtime runtime, WorkerScript script, V8ValueObject internal) {
        this.runtime = runtime;
        this.script = script;
        this.internal = internal;
        for (String name : script.modules().keySet()) namesByPath.putIfAbsent(path(name), name);
    }

    /** Loads the worker and calls {@code internal.installWorker(syntax, exports, bindingsJson)}. */
    void install(String bindingsJson) throws JavetException {
        WorkerScript.Module main = script.modules().get(script.mainModule());
        try (V8ValueFunction installWorker = internal.get("installWorker")) {
            if (script.syntax() == WorkerScript.Syntax.SERVICE_WORKER) {
                runClassic(main);
                installWorker.callVoid(null, "service-worker", runtime.createV8ValueUndefined(), bindingsJson);
                return;
            }
            runtime.setV8ModuleResolver((rt, specifier, referrer) -> resolve(specifier, referrer));
            IV8Module module = compile(main.name());
            try (V8Value namespace = evaluate(module)) {
                installWorker.callVoid(null, "modules", namespace, bindingsJson);
            }
        }
    }

    private void runClassic(WorkerScript.Module main) throws JavetException {
        try {
            runtime.getExecutor(main.text()).setResourceName(main.name()).executeVoid();
        } catch (JavetCompilationException e) {
            throw syntaxError(e.getScriptingError());
        } catch (BaseJavetScriptingException e) {
            throw scriptError(e.getScriptingError());
        }
    }

    private V8Value evaluate(IV8Module module) throws JavetException {
        try {
            if (module instanceof V8Module v8Module) {
                v8Module.instantiate();
                try (V8Value result = v8Module.evaluate()) {
                    if (result instanceof V8ValuePromise promise && promise.isRejected()) {
                        try (V8Value reason = promise.getResult()) {
                            throw new WorkerError(Outcome.SCRIPT_ERROR, "Uncaught " + describe(reason), null);
                        }
                    }
                }
                if (v8Module.getException() != null) {
                    throw new WorkerError(Outcome.SCRIPT_ERROR, "Uncaught " + v8Module.getException().getMessage(), null);
                }
            }
            return module.getNamespace();
        } catch (BaseJavetScriptingException e) {
            throw scriptError(e.getScriptingError());
        }
    }

    private static String describe(V8Value value) throws JavetException {
        if (value instanceof V8ValueObject object) {
            String stack = object.getString("stack");
            if (stack != null) return stack;
        }
        return value.toString();
    }

    private IV8Module resolve(String specifier, IV8Module referrer) throws JavetException {
        String resolved = resolveName(specifier, referrer.getResourceName());
        String name = script.modules().containsKey(resolved) ? resolved : namesByPath.get(path(resolved));
        if (name == null) {
            throw new WorkerError(Outcome.SCRIPT_ERROR, "No such module \"" + resolved + "\".\n  imported from \"" + referrer.getResourceName() + "\"", null);
        }
        return compile(name);
    }

    /** A module name as a path from the worker's root: {@code ./a/../b.txt} and {@code b.txt} are both {@code b.txt}. */
    static String path(String name) {
        return resolveName(name.startsWith("./") || name.startsWith("../") ? name : "./" + name, "");
    }

    /** Resolves {@code ./x} and {@code ../x} against the importer's folder; other specifiers name a module directly. */
    static String resolveName(String specifier, String referrer) {
        if (!specifier.startsWith("./") && !specifier.startsWith("../")) return specifier;
        int slash = referrer.lastIndexOf('/');
        String base = slash < 0 ? "" : referrer.substring(0, slash + 1);
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : (base + specifier).split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private IV8Module compile(String name) throws JavetException {
        IV8Module existing = compiled.get(name);
        if (existing != null) return existing;
        WorkerScript.Module module = script.modules().get(name);
        IV8Module result;
        try {
            result = switch (module.type()) {
                case ESM -> runtime.getExecutor(module.text()).setResourceName(name).setModule(true).compileV8Module();
                case TEXT -> synthetic(name, runtime.createV8ValueString(module.text()));
                case DATA -> synthetic(name, arrayBuffer(module.content()));
                case JSON -> synthetic(name, callHelper("parseJson", runtime.createV8ValueString(module.text())));
                case WASM -> synthetic(name, callHelper("compileWasm", V8Values.uint8Array(runtime, module.content())));
            };
        } catch (JavetCompilationException e) {
            throw syntaxError(e.getScriptingError());
        } catch (BaseJavetScriptingException e) {
            throw scriptError(e.getScriptingError());
        }
        compiled.put(name, result);
        return result;
    }

    private V8Value arrayBuffer(byte[] content) throws JavetException {
        var buffer = runtime.createV8ValueArrayBuffer(content.length);
        if (content.length > 0) buffer.fromBytes(content);
        return buffer;
    }

    /** Calls one of the JS layer's module helpers ({@code internal.parseJson}, {@code internal.compileWasm}). */
    private V8Value callHelper(String name, V8Value argument) throws JavetException {
        try (V8ValueFunction helper = internal.get(name)) {
            return helper.call(null, argument);
        } finally {
            argument.close();
        }
    }

    private IV8Module synthetic(String name, V8Value defaultExport) throws JavetException {
        try (V8ValueObject exports = runtime.createV8ValueObject()) {
            exports.set("default", defaultExport);
            return runtime.createV8Module(name, exports);
        } finally {
            defaultExport.close();
        }
    }

    /** A module that does not compile: V8's message without its error name, which is always SyntaxError here. */
    private static WorkerError syntaxError(JavetScriptingError error) {
        String message = error.getMessage().startsWith("SyntaxError") ? error.getMessage() : "SyntaxError: " + error.getMessage();
        String where = error.getResourceName() + ":" + error.getLineNumber() + ":" + error.getStartColumn();
        return new WorkerError(Outcome.SCRIPT_ERROR, "Uncaught " + message + "\n  at " + where, error.getStack());
    }

    static WorkerError scriptError(JavetScriptingError error) {
        String where = error.getResourceName() + ":" + error.getLineNumber() + ":" + error.getStartColumn();
        return new WorkerError(Outcome.SCRIPT_ERROR, "Uncaught " + error.getMessage() + "\n  at " + where, error.getStack());
    }
}
