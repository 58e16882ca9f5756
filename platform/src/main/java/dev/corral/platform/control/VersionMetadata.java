package dev.corral.platform.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's stored metadata (schema in {@link ControlPlane}), read and built. Instances are immutable: accessors
 * return copies.
 */
public final class VersionMetadata {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode json;

    private VersionMetadata(ObjectNode json) {
        this.json = json;
    }

    public static VersionMetadata parse(String metadataJson) {
        try {
            return new VersionMetadata((ObjectNode) MAPPER.readTree(metadataJson));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("Stored version metadata is not a JSON object", e);
        }
    }

    /** A version's metadata: its entry module, its non-secret bindings and {@code settings} (stored fields only). */
    static VersionMetadata of(boolean moduleWorker, String entry, List<ObjectNode> bindings, ObjectNode settings,
                              List<String> handlers) {
        ObjectNode json = JSON.objectNode();
        json.put(moduleWorker ? "main_module" : "body_part", entry);
        ArrayNode array = json.putArray("bindings");
        bindings.forEach(b -> array.add(b.deepCopy()));
        for (String field : SettingsRules.FIELDS) {
            json.set(field, settings.get(field).deepCopy());
        }
        ArrayNode handlerArray = json.putArray("handlers");
        handlers.forEach(handlerArray::add);
        return new VersionMetadata(json);
    }

    VersionMetadata withHandlers(List<String> handlers) {
        ObjectNode copy = json.deepCopy();
        ArrayNode array = copy.putArray("handlers");
        handlers.forEach(array::add);
        return new VersionMetadata(copy);
    }

    public String toJson() {
        return json.toString();
    }

    /** True for ES module syntax ({@code main_module}), false for service-worker syntax ({@code body_part}). */
    public boolean isModuleWorker() {
        return json.has("main_module");
    }

    /** The main module or body part. */
    public String entry() {
        return json.path(isModuleWorker() ? "main_module" : "body_part").asText();
    }

    /** The non-secret bindings, normalized. */
    public List<ObjectNode> bindings() {
        List<ObjectNode> out = new ArrayList<>();
        json.path("bindings").forEach(b -> out.add(((ObjectNode) b).deepCopy()));
        return out;
    }

    /** Null when the upload set none. */
    public String compatibilityDate() {
        JsonNode date = json.path("compatibility_date");
        return date.isTextual() ? date.asText() : null;
    }

    public List<String> compatibilityFlags() {
        return strings(json.path("compatibility_flags"));
    }

    /** The script's own limits, {@code {cpu_ms?, subrequests?}}. */
    public ObjectNode limits() {
        return json.path("limits").isObject() ? ((ObjectNode) json.get("limits")).deepCopy() : JSON.objectNode();
    }

    public boolean logpush() {
        return json.path("logpush").asBoolean(false);
    }

    /** The handlers the version exports, as its startup check reported them. */
    public List<String> handlers() {
        return strings(json.path("handlers"));
    }

    /** The stored settings fields (no entry, bindings or handlers), for a settings answer or patch. */
    ObjectNode settings() {
        ObjectNode settings = JSON.objectNode();
        for (String field : SettingsRules.FIELDS) {
            settings.set(field, json.has(field) ? json.get(field).deepCopy() : SettingsRules.defaults().get(field));
        }
        return settings;
    }

    /** Everything that defines the version's behaviour: all but the startup check's findings. */
    ObjectNode identity() {
        ObjectNode copy = json.deepCopy();
        copy.remove("handlers");
        return copy;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
