package dev.corral.api.plain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart body framed exactly as wrangler 4.x frames a script upload (client-wire-format.md §4.1): a
 * {@code metadata} part with neither filename nor content type, then one part per module named and filed under the
 * module's name.
 */
final class WranglerForm {
    static final String BOUNDARY = "----formdata-undici-078012864794";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WranglerForm(String metadataJson) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadataJson + "\r\n");
    }

    WranglerForm module(String name, String contentType, String source) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + source + "\r\n");
        return this;
    }

    byte[] bytes() {
        write("--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
