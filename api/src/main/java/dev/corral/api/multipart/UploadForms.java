package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a script upload or a settings patch in every framing the real clients send (shared/reference/
 * client-wire-format.md §4): wrangler's (a plain {@code metadata} field, modules named by part and filename), SDK 5
 * and 6's ({@code metadata} as a file, every module part named {@code files}), and leniently SDK 7's (bracket fields,
 * {@code files[]} parts, sometimes no boundary in the Content-Type).
 */
public final class UploadForms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN_MODULE_HEADER = "cf-worker-main-module-part";
    private static final String BODY_PART_HEADER = "cf-worker-body-part";

    private UploadForms() {}

    /** @param headers the request's headers, names in lower case (for the {@code CF-WORKER-*-PART} headers). */
    public static ScriptUpload scriptUpload(String contentType, byte[] body, Map<String, String> headers) {
        List<Part> parts = MultipartParser.parse(contentType, body);
        ObjectNode metadata = null;
        List<Part> bracketFields = new ArrayList<>();
        List<UploadedModule> modules = new ArrayList<>();
        for (Part part : parts) {
            if (part.name().equals("metadata")) {
                metadata = object("metadata", part.bytes());
            } else if (BracketFields.isUnder("metadata", part.name())) {
                bracketFields.add(part);
            } else {
                String name = part.filename() != null && !part.filename().isEmpty() ? part.filename() : part.name();
                modules.add(new UploadedModule(name, part.contentType(), part.bytes()));
            }
        }
        if (metadata == null && !bracketFields.isEmpty()) metadata = KnownFieldTypes.restore(BracketFields.rebuild("metadata", bracketFields));
        String mainPart = headers.get(MAIN_MODULE_HEADER);
        String bodyPart = headers.get(BODY_PART_HEADER);
        if (metadata == null && mainPart == null && bodyPart == null) {
            throw FormErrors.invalid("The upload has no metadata part: send a part named \"metadata\" with the script's JSON metadata");
        }
        if (metadata == null) metadata = JSON.createObjectNode();
        if (mainPart != null && !metadata.hasNonNull("main_module") && !metadata.hasNonNull("body_part")) metadata.put("main_module", mainPart);
        if (bodyPart != null && !metadata.hasNonNull("main_module") && !metadata.hasNonNull("body_part")) metadata.put("body_part", bodyPart);
        return new ScriptUpload(metadata, modules);
    }

    /** A settings patch: a multipart part named {@code settings}, SDK 7's bracket fields, or a JSON body. */
    public static ObjectNode settingsPatch(String contentType, byte[] body) {
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return object("settings", body);
        }
        List<Part> bracketFields = new ArrayList<>();
        for (Part part : MultipartParser.parse(contentType, body)) {
            if (part.name().equals("settings")) return object("settings", part.bytes());
            if (BracketFields.isUnder("settings", part.name())) bracketFields.add(part);
        }
        if (bracketFields.isEmpty()) throw FormErrors.invalid("The request has no settings part: send a part named \"settings\" with JSON");
        return KnownFieldTypes.restore(BracketFields.rebuild("settings", bracketFields));
    }

    private static ObjectNode object(String what, byte[] json) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(new String(json, UTF_8));
        } catch (JsonProcessingException e) {
            throw FormErrors.invalid("The " + what + " is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (!(parsed instanceof ObjectNode object)) throw FormErrors.invalid("The " + what + " must be a JSON object");
        return object;
    }
}
