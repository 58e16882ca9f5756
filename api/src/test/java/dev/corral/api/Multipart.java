package dev.corral.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Multipart bodies framed exactly as wrangler and the cloudflare SDK frame them (client-wire-format.md §4.1). */
final class Multipart {
    record Module(String name, String contentType, String source) {}

    private final String boundary;
    private final String contentType;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Multipart(String boundary, String contentType) {
        this.boundary = boundary;
        this.contentType = contentType;
    }

    static Module module(String name, String contentType, String source) {
        return new Module(name, contentType, source);
    }

    static Module esm(String source) {
        return module("index.js", "application/javascript+module", source);
    }

    /** wrangler: a {@code metadata} field without filename or type; modules named by part name and filename. */
    static Multipart wrangler(String metadata, Module... modules) {
        Multipart form = new Multipart("----formdata-undici-078012864794",
                "multipart/form-data; boundary=----formdata-undici-078012864794");
        form.part("form-data; name=\"metadata\"", null, metadata.replace('\'', '"'));
        for (Module m : modules) {
            form.part("form-data; name=\"" + m.name() + "\"; filename=\"" + m.name() + "\"", m.contentType(), m.source());
        }
        return form.end();
    }

    /** SDK 5.x/6.x: {@code metadata} as a JSON file part; every module part named {@code files}. */
    static Multipart sdk6(String metadata, Module... modules) {
        Multipart form = new Multipart("form-data-boundary-a1b2c3", "multipart/form-data; boundary=form-data-boundary-a1b2c3");
        form.part("form-data; name=\"metadata\"; filename=\"metadata\"", "application/json", metadata.replace('\'', '"'));
        for (Module m : modules) {
            form.part("form-data; name=\"files\"; filename=\"" + m.name() + "\"", m.contentType(), m.source());
        }
        return form.end();
    }

    /** SDK 5.x/6.x settings edit: one {@code settings} JSON file part. */
    static Multipart settings(String settings) {
        Multipart form = new Multipart("form-data-boundary-s1", "multipart/form-data; boundary=form-data-boundary-s1");
        form.part("form-data; name=\"settings\"; filename=\"settings\"", "application/json", settings.replace('\'', '"'));
        return form.end();
    }

    /**
     * SDK 7.x {@code scripts.update}: bracket-flattened metadata fields, {@code files[]} module parts, and a
     * Content-Type of {@code application/javascript} without a boundary.
     */
    static Multipart sdk7(String[][] fields, Module... modules) {
        Multipart form = new Multipart("----formdata-sdk7-99", "application/javascript");
        for (String[] field : fields) {
            form.part("form-data; name=\"" + field[0] + "\"", null, field[1]);
        }
        for (Module m : modules) {
            form.part("form-data; name=\"files[]\"; filename=\"" + m.name() + "\"", m.contentType(), m.source());
        }
        return form.end();
    }

    String contentType() {
        return contentType;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void part(String disposition, String type, String content) {
        write("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n");
        if (type != null) {
            write("Content-Type: " + type + "\r\n");
        }
        write("\r\n" + content + "\r\n");
    }

    private Multipart end() {
        write("--" + boundary + "--\r\n");
        return this;
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
