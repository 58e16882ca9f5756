package dev.corral.api.multipart;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the Workers script upload and the settings patch in every framing the real clients send (wire reference
 * §4.1, §4.3): wrangler's, the SDK 5.x/6.x one with module parts all named {@code files}, and SDK 7.x's
 * bracket-flattened fields, even under its boundary-less Content-Type.
 */
public final class UploadForms {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String METADATA = "metadata";
    private static final String SETTINGS = "settings";
    private static final String MAIN_MODULE_HEADER = "cf-worker-main-module-part";
    private static final String BODY_PART_HEADER = "cf-worker-body-part";

    private UploadForms() {}

    /**
     * The metadata and modules of a script upload ({@code PUT …/scripts/{name}} or {@code …/content}).
     *
     * @param lowerCaseHeaders the request headers, keys lower-case; {@code CF-WORKER-MAIN-MODULE-PART} and
     *                         {@code CF-WORKER-BODY-PART} name the entry part when the metadata does not.
     */
    public static ScriptUpload scriptUpload(String contentType, byte[] body, Map<String, String> lowerCaseHeaders) {
        Part metadataPart = null;
        List<Part> metadataFields = new ArrayList<>();
        List<Part> moduleParts = new ArrayList<>();
        for (Part part : MultipartParser.parse(contentType, body)) {
            if (part.name().equals(METADATA)) {
                if (metadataPart != null) throw FormErrors.invalid("The upload has more than one metadata part");
                metadataPart = part;
            } else if (BracketFields.isUnder(METADATA, part.name())) {
                metadataFields.add(part);
            } else {
                moduleParts.add(part);
            }
        }
        String mainModulePart = header(lowerCaseHeaders, MAIN_MODULE_HEADER);
        String bodyPart = header(lowerCaseHeaders, BODY_PART_HEADER);
        ObjectNode metadata = object(METADATA, metadataPart, metadataFields);
        if (metadata == null) {
            if (mainModulePart == null && bodyPart == null) throw FormErrors.invalid("No metadata part in the upload");
            metadata = JsonNodeFactory.instance.objectNode();
        }
        // The headers only stand in for an entry point the metadata leaves out; they never contradict one it names.
        if (!metadata.has("main_module") && !metadata.has("body_part")) {
            if (mainModulePart != null) metadata.put("main_module", moduleNamedBy(mainModulePart, moduleParts));
            if (bodyPart != null) metadata.put("body_part", moduleNamedBy(bodyPart, moduleParts));
        }
        List<UploadedModule> modules = new ArrayList<>(moduleParts.size());
        for (Part part : moduleParts) modules.add(new UploadedModule(moduleName(part), part.contentType(), part.bytes()));
        return new ScriptUpload(metadata, modules);
    }

    /**
     * The settings object of {@code PATCH …/scripts/{name}/settings}: a {@code settings} JSON part (SDK 5.x/6.x),
     * {@code settings[…]} fields (SDK 7.x), or a plain JSON body.
     */
    public static ObjectNode settingsPatch(String contentType, byte[] body) {
        if (!isMultipart(contentType, body)) return parseObject("settings", body);
        Part settingsPart = null;
        List<Part> settingsFields = new ArrayList<>();
        for (Part part : MultipartParser.parse(contentType, body)) {
            if (part.name().equals(SETTINGS)) {
                if (settingsPart != null) throw FormErrors.invalid("The request has more than one settings part");
                settingsPart = part;
            } else if (BracketFields.isUnder(SETTINGS, part.name())) {
                settingsFields.add(part);
            }
        }
        ObjectNode settings = object(SETTINGS, settingsPart, settingsFields);
        if (settings == null) throw FormErrors.invalid("No settings part in the request");
        return settings;
    }

    /** SDK 5.x/6.x name every module part {@code files}, so the filename is the only place the module name is. */
    private static String moduleName(Part part) {
        return part.filename() != null && !part.filename().isEmpty() ? part.filename() : part.name();
    }

    private static String moduleNamedBy(String partName, List<Part> moduleParts) {
        for (Part part : moduleParts) {
            if (part.name().equals(partName)) return moduleName(part);
        }
        return partName; // already a module name, or one validation will report as missing
    }

    private static ObjectNode object(String label, Part jsonPart, List<Part> bracketFields) {
        if (jsonPart != null && !bracketFields.isEmpty()) {
            throw FormErrors.invalid("The request carries " + label + " both as a JSON part and as " + label + "[…] fields");
        }
        if (jsonPart != null) return parseObject(label, jsonPart.bytes());
        if (!bracketFields.isEmpty()) return KnownFieldTypes.restore(BracketFields.rebuild(label, bracketFields));
        return null;
    }

    private static ObjectNode parseObject(String label, byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw FormErrors.invalid("The " + label + " is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw FormErrors.unparseable("the " + label + " could not be read: " + e.getMessage());
        }
        if (node instanceof ObjectNode object) return object;
        String found = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
        throw FormErrors.invalid("The " + label + " must be a JSON object, but it is " + found);
    }

    private static boolean isMultipart(String contentType, byte[] body) {
        boolean declared = contentType != null && HeaderValue.parse(contentType).type().startsWith("multipart/");
        return declared || body.length > 1 && body[0] == '-' && body[1] == '-';
    }

    private static String header(Map<String, String> lowerCaseHeaders, String name) {
        String value = lowerCaseHeaders.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
