package dev.corral.server.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The workers these tests deploy, from src/test/resources/platform, the seeds' code samples from
 * src/test/resources/seeds, and the metadata wrangler would send for them.
 */
final class TestWorkers {
    private TestWorkers() {}

    static String source(String file) {
        return resource("platform/" + file);
    }

    /** A seed's code sample, byte for byte. */
    static String seed(String file) {
        return resource("seeds/" + file);
    }

    private static String resource(String path) {
        try (InputStream in = TestWorkers.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker as its only module, named by its file name. */
    static List<WranglerForm.Module> modules(String file) {
        return List.of(WranglerForm.Module.esm(file, source(file)));
    }

    /**
     * ES-module metadata with {@code main} as main module.
     *
     * @param bindings a JSON array of bindings.
     * @param extra    further top-level fields, e.g. {@code "limits":{"cpu_ms":50}}, or an empty string.
     */
    static String metadata(String main, String bindings, String extra) {
        return "{\"main_module\":" + CloudflareApi.quote(main) + ",\"compatibility_date\":\"2025-01-01\",\"bindings\":" + bindings
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String metadata(String main) {
        return metadata(main, "[]", "");
    }

    /** A {@code plain_text} binding. */
    static String text(String name, String value) {
        return "{\"type\":\"plain_text\",\"name\":" + CloudflareApi.quote(name) + ",\"text\":" + CloudflareApi.quote(value) + "}";
    }

    /** A {@code secret_text} binding, as {@code wrangler deploy --secrets-file} sends it. */
    static String secret(String name, String value) {
        return "{\"type\":\"secret_text\",\"name\":" + CloudflareApi.quote(name) + ",\"text\":" + CloudflareApi.quote(value) + "}";
    }

    static String dispatchNamespace(String name, String namespace) {
        return "{\"type\":\"dispatch_namespace\",\"name\":" + CloudflareApi.quote(name) + ",\"namespace\":" + CloudflareApi.quote(namespace) + "}";
    }

    static String service(String name, String service) {
        return "{\"type\":\"service\",\"name\":" + CloudflareApi.quote(name) + ",\"service\":" + CloudflareApi.quote(service) + "}";
    }
}
