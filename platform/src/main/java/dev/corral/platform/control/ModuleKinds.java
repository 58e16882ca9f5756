package dev.corral.platform.control;

import dev.corral.platform.PlatformException;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalizes a module part's content type to the one content type per kind that versions store (see
 * {@link ControlPlane}), inferring it from the file extension when the part has no usable type.
 */
public final class ModuleKinds {
    public static final String ESM = "application/javascript+module";
    /** A service-worker syntax script (Cloudflare's {@code body_part}). */
    public static final String CLASSIC = "application/javascript";
    public static final String TEXT = "text/plain";
    public static final String DATA = "application/octet-stream";
    public static final String WASM = "application/wasm";
    public static final String JSON = "application/json";
    public static final String SOURCE_MAP = "application/source-map";

    private ModuleKinds() {}

    /**
     * @param moduleWorker whether the upload names a {@code main_module} (ES module syntax) rather than a body part.
     */
    static String normalize(String name, String contentType, boolean moduleWorker) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/javascript+module", "text/javascript+module" -> ESM;
            // A plain JavaScript type is classic script only as a service worker's body part. In a module worker
            // Cloudflare would load such a part as CommonJS, which Corral does not support: it is loaded as an ES module.
            case "application/javascript", "text/javascript" -> moduleWorker ? ESM : CLASSIC;
            case "text/plain", "text/html" -> TEXT;
            case "application/octet-stream" -> DATA;
            case "application/wasm" -> WASM;
            case "application/json" -> JSON;
            case "application/source-map" -> SOURCE_MAP;
            case "text/x-python", "text/x-python-requirement" ->
                    throw PlatformException.invalid(10021, "Module '" + name + "': Python Workers are not supported");
            default -> fromExtension(name, moduleWorker);
        };
    }

    private static String fromExtension(String name, boolean moduleWorker) {
        String type = ofFileName(name).orElseThrow(() -> PlatformException.invalid(10021, "Module '" + name
                + "' has no known content type; send one of application/javascript+module, text/plain, "
                + "application/octet-stream, application/wasm or application/json"));
        return type.equals(ESM) && name.toLowerCase(Locale.ROOT).endsWith(".js") && !moduleWorker ? CLASSIC : type;
    }

    /** The kind a module worker's file has by its extension, as wrangler types modules; empty for other files. */
    public static Optional<String> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mjs") || lower.endsWith(".js")) {
            return Optional.of(ESM);
        }
        if (lower.endsWith(".txt") || lower.endsWith(".html")) {
            return Optional.of(TEXT);
        }
        if (lower.endsWith(".bin")) {
            return Optional.of(DATA);
        }
        if (lower.endsWith(".wasm")) {
            return Optional.of(WASM);
        }
        if (lower.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (lower.endsWith(".map")) {
            return Optional.of(SOURCE_MAP);
        }
        return Optional.empty();
    }
}
