package dev.corral.api.plain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiRequest;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads exactly the bodies {@link WranglerForm} writes, and JSON settings. It stands in for the management API's
 * multipart reader (branch {@code multipart}), which these tests do not exercise: they are about what the plain script
 * endpoints do with an upload.
 */
final class WranglerFormReader implements ScriptForms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DISPOSITION = Pattern.compile("name=\"([^\"]*)\"(?:; filename=\"([^\"]*)\")?");

    @Override
    public ScriptUpload upload(ApiRequest request) {
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String delimiter = "--" + WranglerForm.BOUNDARY;
        ObjectNode metadata = null;
        List<UploadedModule> modules = new ArrayList<>();
        for (String part : body.split(Pattern.quote(delimiter))) {
            if (part.startsWith("--") || part.isBlank()) {
                continue;
            }
            int blank = part.indexOf("\r\n\r\n");
            String head = part.substring(2, blank);
            byte[] content = part.substring(blank + 4, part.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
            Matcher name = DISPOSITION.matcher(head);
            if (!name.find()) {
                throw new IllegalArgumentException("A part without a name: " + head);
            }
            String type = head.contains("Content-Type: ") ? head.substring(head.indexOf("Content-Type: ") + 14).trim() : null;
            if (name.group(1).equals("metadata")) {
                metadata = json(content);
            } else {
                modules.add(new UploadedModule(name.group(2) != null ? name.group(2) : name.group(1), type, content));
            }
        }
        return new ScriptUpload(metadata, modules);
    }

    @Override
    public ObjectNode settings(ApiRequest request) {
        return json(request.body());
    }

    private static ObjectNode json(byte[] bytes) {
        try {
            return (ObjectNode) JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
