package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Content-addressed version ids: the same script, modules and metadata always give the same id. */
final class VersionIds {
    private VersionIds() {}

    /** 32 hex characters of SHA-256 over the script tag, the canonical metadata and each module's name, type and hash. */
    static String of(String scriptTag, VersionMetadata metadata, List<ModuleFile> modules) {
        StringBuilder input = new StringBuilder("corral-version-1\n").append(scriptTag).append('\n')
                .append(canonical(metadata.identity())).append('\n');
        for (ModuleFile module : modules) {
            input.append(module.name()).append('\0').append(module.contentType()).append('\0')
                    .append(module.sha256()).append('\n');
        }
        return HexFormat.of().formatHex(sha256(input.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    /** The version id as a UUID (8-4-4-4-12), the form wrangler prints as "Current Version ID". */
    static String asUuid(String versionId) {
        return versionId.substring(0, 8) + "-" + versionId.substring(8, 12) + "-" + versionId.substring(12, 16) + "-"
                + versionId.substring(16, 20) + "-" + versionId.substring(20, 32);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** JSON with object keys sorted at every depth, so key order in an upload does not change the id. */
    private static String canonical(JsonNode node) {
        return sorted(node).toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
