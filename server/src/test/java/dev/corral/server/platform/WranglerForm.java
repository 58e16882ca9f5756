package dev.corral.server.platform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A script upload framed the way wrangler frames it: a {@code metadata} part with neither filename nor content type,
 * then one part per module named by its module name, with {@code filename} set to the same name.
 */
record WranglerForm(String boundary, byte[] body) {
    /** One module of an upload. */
    record Module(String name, String contentType, byte[] content) {
        static Module esm(String name, String source) {
            return new Module(name, "application/javascript+module", source.getBytes(StandardCharsets.UTF_8));
        }
    }

    static WranglerForm of(String metadataJson, List<Module> modules) {
        String boundary = "----formdata-undici-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n");
        write(out, metadataJson);
        for (Module module : modules) {
            write(out, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + module.name() + "\"; filename=\""
                    + module.name() + "\"\r\nContent-Type: " + module.contentType() + "\r\n\r\n");
            out.writeBytes(module.content());
        }
        write(out, "\r\n--" + boundary + "--\r\n");
        return new WranglerForm(boundary, out.toByteArray());
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
