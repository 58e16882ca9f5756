package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the version settings an upload or a settings patch carries and writes them in their stored form. */
final class SettingsRules {
    /** The settings a version stores besides its entry module and bindings, in stored order. */
    static final List<String> FIELDS = List.of("compatibility_date", "compatibility_flags", "limits", "usage_model",
            "logpush", "observability", "placement", "tail_consumers");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> USAGE_MODELS = Set.of("standard", "bundled", "unbound");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SettingsRules() {}

    /** The settings of a version whose upload set none. */
    static ObjectNode defaults() {
        ObjectNode settings = JSON.objectNode();
        settings.putNull("compatibility_date");
        settings.putArray("compatibility_flags");
        settings.putObject("limits");
        settings.put("usage_model", "standard");
        settings.put("logpush", false);
        settings.putNull("observability");
        settings.putNull("placement");
        settings.putArray("tail_consumers");
        return settings;
    }

    /** Validates each settings field {@code source} has and writes it into {@code target}; others stay as they are. */
    static void apply(JsonNode source, ObjectNode target) {
        for (String field : FIELDS) {
            JsonNode value = source.get(field);
            if (value != null) {
                target.set(field, normalize(field, value));
            }
        }
        JsonNode assets = source.get("assets");
        if (assets != null && !assets.isNull()) {
            throw PlatformException.invalid(10021, "Static assets are not supported yet");
        }
    }

    private static JsonNode normalize(String field, JsonNode value) {
        return switch (field) {
            case "compatibility_date" -> {
                if (value.isNull() || value.isTextual() && value.asText().isEmpty()) {
                    yield JSON.nullNode();
                }
                if (!value.isTextual() || !DATE.matcher(value.asText()).matches()) {
                    throw invalid("compatibility_date must be a date such as 2025-01-01");
                }
                yield value;
            }
            case "compatibility_flags" -> stringArray(field, value);
            case "limits" -> limits(value);
            case "usage_model" -> {
                if (!value.isNull() && !(value.isTextual() && USAGE_MODELS.contains(value.asText()))) {
                    throw invalid("usage_model must be standard, bundled or unbound");
                }
                // Corral bills and limits every script alike, which is Cloudflare's "standard" model.
                yield JSON.textNode("standard");
            }
            case "logpush" -> {
                if (!value.isBoolean()) {
                    throw invalid("logpush must be true or false");
                }
                yield value;
            }
            case "observability", "placement" -> {
                if (!value.isNull() && !value.isObject()) {
                    throw invalid(field + " must be an object");
                }
                yield value.deepCopy();
            }
            case "tail_consumers" -> tailConsumers(value);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static ArrayNode stringArray(String field, JsonNode value) {
        ArrayNode out = JSON.arrayNode();
        if (value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(field + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static ObjectNode limits(JsonNode value) {
        ObjectNode out = JSON.objectNode();
        if (value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw invalid("limits must be an object such as {\"cpu_ms\": 50}");
        }
        for (var entry : value.properties()) {
            String key = entry.getKey();
            JsonNode limit = entry.getValue();
            if (!key.equals("cpu_ms") && !key.equals("subrequests")) {
                throw invalid("Unknown limit '" + key + "': use cpu_ms or subrequests");
            }
            if (limit.isNull()) {
                continue;
            }
            if (!limit.canConvertToExactIntegral() || !limit.canConvertToLong() || limit.asLong() <= 0
                    || limit.asLong() > Integer.MAX_VALUE) {
                throw invalid("limits." + key + " must be a positive integer");
            }
            out.put(key, limit.asLong());
        }
        return out;
    }

    private static ArrayNode tailConsumers(JsonNode value) {
        if (value.isNull()) {
            return JSON.arrayNode();
        }
        if (!value.isArray()) {
            throw invalid("tail_consumers must be an array");
        }
        for (JsonNode consumer : value) {
            if (!consumer.isObject() || !consumer.path("service").isTextual()) {
                throw invalid("Each tail consumer needs a service name");
            }
        }
        return (ArrayNode) value.deepCopy();
    }

    private static PlatformException invalid(String message) {
        return PlatformException.invalid(10021, message);
    }
}
