package dev.corral.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Cloudflare's v4 response envelope, {@code {success, errors, messages, result[, result_info]}}, always as
 * {@code application/json}; 4xx answers carry {@code x-should-retry: false} so the SDK does not retry them.
 */
public final class Envelope {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";

    private Envelope() {}

    /** 200 with {@code result} (null for a delete). */
    public static ApiResponse ok(JsonNode result) {
        return respond(200, body(true, result));
    }

    /** 200 with a list and its {@code result_info}. */
    public static ApiResponse okList(JsonNode result, ObjectNode resultInfo) {
        ObjectNode body = body(true, result);
        body.set("result_info", resultInfo);
        return respond(200, body);
    }

    public static ApiResponse error(int status, int code, String message) {
        ObjectNode body = body(false, null);
        body.withArray("errors").addObject().put("code", code).put("message", message);
        return respond(status, body);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    private static ObjectNode body(boolean success, JsonNode result) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", success);
        body.putArray("errors");
        body.putArray("messages");
        body.set("result", result == null ? MAPPER.nullNode() : result);
        return body;
    }

    private static ApiResponse respond(int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree failed to serialize", e);
        }
        Map<String, String> headers = status >= 400 && status < 500
                ? Map.of("Content-Type", JSON, "x-should-retry", "false")
                : Map.of("Content-Type", JSON);
        return new ApiResponse(status, headers, bytes);
    }
}
