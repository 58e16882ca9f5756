package dev.corral.platform.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.platform.control.ModuleKinds;
import dev.corral.runtime.WorkerBinding;
import dev.corral.runtime.WorkerScript;
import dev.corral.storage.ModuleRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a stored version into what the runtime runs. Reads the normalized version metadata the control plane writes:
 * {@code main_module} (ES modules) or {@code body_part} (service-worker syntax), {@code bindings}, {@code limits}.
 */
final class LiveScripts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveScripts() {}

    static LiveScript build(ScriptSnapshot snapshot) {
        JsonNode metadata = parse(snapshot.version().metadataJson());
        boolean serviceWorker = metadata.hasNonNull("body_part");
        String main = serviceWorker ? metadata.get("body_part").asText() : metadata.path("main_module").asText();
        Map<String, WorkerScript.Module> modules = new LinkedHashMap<>();
        for (ModuleRef ref : snapshot.version().modules()) {
            WorkerScript.ModuleType type = moduleType(ref);
            byte[] content = snapshot.modules().get(ref.name());
            if (type != null && content != null) modules.put(ref.name(), new WorkerScript.Module(ref.name(), type, content));
        }
        List<WorkerBinding> bindings = new ArrayList<>();
        Map<String, JsonNode> fetchers = new HashMap<>();
        for (JsonNode binding : metadata.path("bindings")) {
            String name = binding.path("name").asText();
            switch (binding.path("type").asText()) {
                case "plain_text" -> bindings.add(new WorkerBinding(name, "text", binding.path("text").asText()));
                case "json" -> bindings.add(new WorkerBinding(name, "json", binding.get("json").toString()));
                case "service" -> {
                    bindings.add(new WorkerBinding(name, "fetcher", ""));
                    fetchers.put(name, binding);
                }
                case "dispatch_namespace" -> {
                    bindings.add(new WorkerBinding(name, "namespace", ""));
                    fetchers.put(name, binding);
                }
                default -> throw new IllegalStateException("stored version " + snapshot.version().id() + " has an unknown binding type "
                        + binding.path("type").asText());
            }
        }
        new TreeMap<>(snapshot.secrets()).forEach((name, value) -> bindings.add(new WorkerBinding(name, "text", value)));
        WorkerScript.Syntax syntax = serviceWorker ? WorkerScript.Syntax.SERVICE_WORKER : WorkerScript.Syntax.MODULES;
        // Secrets are outside the version, so they are part of the isolate's identity: a new secret means a new isolate.
        String id = snapshot.key().accountId() + "/" + snapshot.key().namespaceId() + "/" + snapshot.key().name()
                + "@" + snapshot.version().id() + "." + secretsDigest(snapshot.secrets());
        WorkerScript worker = new WorkerScript(id, syntax, main, modules, bindings);
        JsonNode limits = metadata.path("limits");
        return new LiveScript(snapshot.key(), worker, limits.path("cpu_ms").asLong(0), limits.path("subrequests").asInt(-1), fetchers);
    }

    /**
     * The runtime's kind for a module, from the content type the control plane normalized it to ({@link ModuleKinds});
     * null for parts that are not code (source maps). A classic body part runs through the same loader, which reads
     * its syntax from the version's {@code body_part}.
     */
    private static WorkerScript.ModuleType moduleType(ModuleRef ref) {
        return switch (ref.contentType()) {
            case ModuleKinds.ESM, ModuleKinds.CLASSIC -> WorkerScript.ModuleType.ESM;
            case ModuleKinds.TEXT -> WorkerScript.ModuleType.TEXT;
            case ModuleKinds.DATA -> WorkerScript.ModuleType.DATA;
            case ModuleKinds.WASM -> WorkerScript.ModuleType.WASM;
            case ModuleKinds.JSON -> WorkerScript.ModuleType.JSON;
            default -> null;
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version metadata is not JSON", e);
        }
    }

    private static String secretsDigest(Map<String, String> secrets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(secrets).forEach((name, value) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(value.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
