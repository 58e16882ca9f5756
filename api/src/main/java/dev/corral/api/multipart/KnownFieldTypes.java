package dev.corral.api.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives back their JSON types to the metadata and settings fields that are not strings, after bracket flattening
 * turned every leaf into one. Paths are dotted, with {@code []} for "any element". A value that does not read as
 * the expected type stays a string, so validation reports it as sent.
 */
final class KnownFieldTypes {
    private static final Set<String> BOOLEANS = Set.of(
            "logpush", "keep_assets", "trusted_workers",
            "observability.enabled", "observability.logs.enabled", "observability.logs.invocation_logs",
            "observability.logs.persist", "observability.traces.enabled", "observability.traces.persist",
            "assets.config.run_worker_first", "assets.config.serve_directly");
    private static final Set<String> NUMBERS = Set.of(
            "limits.cpu_ms", "limits.subrequests",
            "observability.head_sampling_rate", "observability.logs.head_sampling_rate",
            "observability.traces.head_sampling_rate",
            "bindings[].simple.limit", "bindings[].simple.period", "bindings[].simple.mitigation_timeout");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private KnownFieldTypes() {}

    static ObjectNode restore(ObjectNode object) {
        restoreFields(object, "");
        return object;
    }

    private static void restoreFields(ObjectNode object, String prefix) {
        for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                JsonNode typed = typed(path, value.asText());
                if (typed != null) object.set(field.getKey(), typed);
            } else {
                restoreChild(value, path);
            }
        }
    }

    private static void restoreChild(JsonNode value, String path) {
        if (value instanceof ObjectNode child) {
            restoreFields(child, path + ".");
        } else if (value instanceof ArrayNode array) {
            for (JsonNode element : array) restoreChild(element, path + "[]");
        }
    }

    private static JsonNode typed(String path, String text) {
        if (BOOLEANS.contains(path) && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(text.equals("true"));
        }
        if (NUMBERS.contains(path) && JSON_NUMBER.matcher(text).matches()) {
            BigDecimal number = new BigDecimal(text);
            try {
                long whole = number.longValueExact();
                // The node types Jackson itself reads such numbers into, so rebuilt and parsed metadata compare equal.
                return whole == (int) whole
                        ? JsonNodeFactory.instance.numberNode((int) whole)
                        : JsonNodeFactory.instance.numberNode(whole);
            } catch (ArithmeticException notAWholeLong) {
                return JsonNodeFactory.instance.numberNode(number.doubleValue());
            }
        }
        return null;
    }
}
