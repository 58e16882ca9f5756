package dev.corral.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Builds a {@code multipart/form-data} body of named file parts. */
final class MultipartWriter {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartWriter() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.boundary = "corral-" + HexFormat.of().formatHex(random);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartWriter part(String name, String contentType, byte[] content) {
        String quoted = name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
        write("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + quoted + "\"; filename=\"" + quoted + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    byte[] finish() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
