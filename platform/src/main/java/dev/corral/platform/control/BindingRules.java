package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import dev.corral.storage.ControlStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates and normalizes the bindings of an upload or settings patch against the script's current version: resolves
 * {@code inherit} bindings and {@code keep_bindings}, and separates secrets (which never enter version metadata).
 */
final class BindingRules {
    static final int MAX_VALUE_BYTES = 5 * 1024;
    static final int MAX_VARS = 128;

    /** Cloudflare binding types Corral recognizes but does not provide yet. */
    private static final Set<String> NOT_YET_SUPPORTED = Set.of("kv_namespace", "r2_bucket", "d1",
            "durable_object_namespace", "queue", "analytics_engine", "assets", "browser", "ai", "images", "media",
            "version_metadata", "ai_search", "ai_search_namespace", "hyperdrive", "mtls_certificate", "pipelines",
            "ratelimit", "send_email", "vectorize", "secrets_store_secret", "secret_key", "workflow", "vpc_service",
            "vpc_network", "messaging", "flagship", "wasm_module", "text_blob", "data_blob", "logfwdr", "worker_loader");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<ObjectNode> currentBindings;
    private final Set<String> currentSecrets;
    private final Function<String, Optional<List<ObjectNode>>> bindingsOfVersion;

    /**
     * @param currentBindings   the non-secret bindings of the version serving now (empty for a new script).
     * @param currentSecrets    the names of the script's secrets.
     * @param bindingsOfVersion the non-secret bindings of another version of this script, by version id.
     */
    BindingRules(List<ObjectNode> currentBindings, Set<String> currentSecrets,
                 Function<String, Optional<List<ObjectNode>>> bindingsOfVersion) {
        this.currentBindings = currentBindings;
        this.currentSecrets = currentSecrets;
        this.bindingsOfVersion = bindingsOfVersion;
    }

    /**
     * The rules for an upload to the script with this tag (null for a new script): {@code inherit} bindings with a
     * {@code version_id} resolve against that script's own stored versions only.
     */
    static BindingRules forScript(ControlStore store, String tag, List<ObjectNode> currentBindings, Set<String> secretNames) {
        return new BindingRules(currentBindings, Set.copyOf(secretNames), versionId -> store.version(versionId)
                .filter(v -> v.scriptTag().equals(tag))
                .map(v -> VersionMetadata.parse(v.metadataJson()).bindings()));
    }

    /** The names of some bindings. */
    static Set<String> namesOf(List<ObjectNode> bindings) {
        Set<String> names = new HashSet<>();
        bindings.forEach(b -> names.add(b.path("name").asText()));
        return names;
    }

    /**
     * @param bindings     the {@code bindings} array as sent (null when absent).
     * @param keepTypes    binding types to carry over from the current version when not sent again.
     * @param strictInherit whether an {@code inherit} binding that resolves to nothing is an error (else it is dropped).
     */
    ResolvedBindings resolve(JsonNode bindings, Set<String> keepTypes, boolean strictInherit) {
        if (bindings != null && !bindings.isNull() && !bindings.isArray()) {
            throw PlatformException.invalid(10021, "bindings must be an array");
        }
        List<ObjectNode> stored = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> copied = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (JsonNode binding : bindings == null || bindings.isNull() ? JSON.arrayNode() : (ArrayNode) bindings) {
            if (!binding.isObject()) {
                throw PlatformException.invalid(10021, "Each binding must be a JSON object");
            }
            String name = nameOf(binding);
            if (!names.add(name)) {
                throw PlatformException.invalid(10021, "Binding name '" + name + "' is used more than once");
            }
            String type = textField(binding, "type", name, true);
            switch (type) {
                case "secret_text" -> secrets.put(name, limitedValue(name, textField(binding, "text", name, true)));
                case "inherit" -> inherit(binding, name, strictInherit, stored, copied);
                default -> stored.add(normalize(binding, name, type));
            }
        }
        for (ObjectNode kept : currentBindings) {
            if (keepTypes.contains(kept.path("type").asText()) && names.add(kept.path("name").asText())) {
                stored.add(kept.deepCopy());
            }
        }
        return new ResolvedBindings(stored, secrets, copied);
    }

    private void inherit(JsonNode binding, String name, boolean strict, List<ObjectNode> stored, Map<String, String> copied) {
        String oldName = optionalText(binding, "old_name", name);
        String versionId = optionalText(binding, "version_id", "latest");
        Optional<List<ObjectNode>> source = versionId.equals("latest")
                ? Optional.of(currentBindings) : bindingsOfVersion.apply(versionId);
        Optional<ObjectNode> found = source.stream().flatMap(List::stream)
                .filter(b -> b.path("name").asText().equals(oldName)).findFirst();
        if (found.isPresent()) {
            stored.add(found.get().deepCopy().put("name", name));
        } else if (currentSecrets.contains(oldName)) {
            // Secrets are not versioned: the script's current secret is the one to keep.
            if (!oldName.equals(name)) {
                copied.put(name, oldName);
            }
        } else if (strict) {
            throw PlatformException.invalid(10057, "inherit binding '" + name + "' is invalid");
        }
    }

    private static ObjectNode normalize(JsonNode binding, String name, String type) {
        ObjectNode out = JSON.objectNode().put("name", name).put("type", type);
        switch (type) {
            case "plain_text" -> out.put("text", limitedValue(name, textField(binding, "text", name, true)));
            case "json" -> {
                if (!binding.has("json")) {
                    throw PlatformException.invalid(10021, "Binding '" + name + "' of type json needs a 'json' value");
                }
                limitedValue(name, binding.get("json").toString());
                out.set("json", binding.get("json").deepCopy());
            }
            case "service" -> {
                out.put("service", textField(binding, "service", name, true));
                copyOptionalText(binding, out, "environment", name);
                copyOptionalText(binding, out, "entrypoint", name);
                if (binding.has("props") && !binding.get("props").isNull()) {
                    if (!binding.get("props").isObject()) {
                        throw PlatformException.invalid(10021, "Binding '" + name + "': props must be an object");
                    }
                    out.set("props", binding.get("props").deepCopy());
                }
            }
            case "dispatch_namespace" -> {
                out.put("namespace", textField(binding, "namespace", name, true));
                JsonNode outbound = binding.get("outbound");
                if (outbound != null && !outbound.isNull()) {
                    out.set("outbound", normalizeOutbound(outbound, name));
                }
            }
            default -> throw PlatformException.invalid(10021, NOT_YET_SUPPORTED.contains(type)
                    ? "Binding type '" + type + "' is not supported yet"
                    : "Unknown binding type '" + type + "'");
        }
        return out;
    }

    /**
     * Accepts the API's {@code {worker:{service,environment?,entrypoint?}, params:[{name}]}} and wrangler's
     * configuration shape {@code {service, environment?, parameters:[name]}}; stores the API's.
     */
    private static ObjectNode normalizeOutbound(JsonNode outbound, String name) {
        if (!outbound.isObject()) {
            throw PlatformException.invalid(10021, "Binding '" + name + "': outbound must be an object");
        }
        boolean apiShape = outbound.has("worker");
        JsonNode worker = apiShape ? outbound.get("worker") : outbound;
        if (!worker.isObject()) {
            throw PlatformException.invalid(10021, "Binding '" + name + "': outbound.worker must be an object");
        }
        ObjectNode normalizedWorker = JSON.objectNode().put("service", textField(worker, "service", name, true));
        copyOptionalText(worker, normalizedWorker, "environment", name);
        copyOptionalText(worker, normalizedWorker, "entrypoint", name);
        ArrayNode params = JSON.arrayNode();
        JsonNode given = outbound.get(apiShape ? "params" : "parameters");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw PlatformException.invalid(10021, "Binding '" + name + "': outbound parameters must be an array");
            }
            for (JsonNode param : given) {
                JsonNode paramName = param.isObject() ? param.get("name") : param;
                if (paramName == null || !paramName.isTextual() || paramName.asText().isBlank()) {
                    throw PlatformException.invalid(10021, "Binding '" + name + "': each outbound parameter needs a name");
                }
                params.addObject().put("name", paramName.asText());
            }
        }
        ObjectNode out = JSON.objectNode();
        out.set("worker", normalizedWorker);
        out.set("params", params);
        return out;
    }

    private static String nameOf(JsonNode binding) {
        JsonNode name = binding.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw PlatformException.invalid(10052, "A binding is missing its name");
        }
        return name.asText();
    }

    private static String textField(JsonNode node, String field, String binding, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw PlatformException.invalid(10021, "Binding '" + binding + "' needs a '" + field + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw PlatformException.invalid(10021, "Binding '" + binding + "': '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String fallback) {
        String value = textField(node, field, node.path("name").asText(), false);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static void copyOptionalText(JsonNode from, ObjectNode to, String field, String binding) {
        String value = textField(from, field, binding, false);
        if (value != null) {
            to.put(field, value);
        }
    }

    static String limitedValue(String name, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw PlatformException.invalid(10054, "The value of binding '" + name + "' is larger than 5 KiB");
        }
        return value;
    }

    /** How many environment variables (plain text and JSON) the bindings hold; secrets count separately. */
    static long varCount(List<ObjectNode> bindings) {
        return bindings.stream().map(b -> b.path("type").asText())
                .filter(t -> t.equals("plain_text") || t.equals("json")).count();
    }

    static void checkVarCount(List<ObjectNode> bindings, int secrets) {
        long total = varCount(bindings) + secrets;
        if (total > MAX_VARS) {
            throw PlatformException.invalid(10055, "Too many environment variables and secrets: " + total
                    + " (at most " + MAX_VARS + ")");
        }
    }

    /** The binding types an upload's {@code keep_bindings} carries over from the current version. */
    static Set<String> keptTypes(JsonNode metadata) {
        JsonNode keep = metadata.get("keep_bindings");
        if (keep == null || keep.isNull()) {
            return Set.of();
        }
        if (!keep.isArray()) {
            throw PlatformException.invalid(10021, "keep_bindings must be an array of binding types");
        }
        Set<String> types = new HashSet<>();
        keep.forEach(t -> types.add(t.asText()));
        return types;
    }
}
