package dev.corral.api;

import dev.corral.platform.control.ModuleFile;
import java.util.List;
import java.util.Map;

/**
 * A version's modules as Cloudflare answers a script content download: a single module as its raw bytes with its
 * content type; several as {@code multipart/form-data} with one part per module. The entry module's name is in the
 * {@code cf-entrypoint} header either way.
 */
public final class ModuleContent {
    private ModuleContent() {}

    public static ApiResponse of(String entry, List<ModuleFile> modules) {
        if (modules.size() == 1) {
            ModuleFile only = modules.get(0);
            return new ApiResponse(200, Map.of("Content-Type", only.contentType(), "cf-entrypoint", entry), only.content());
        }
        MultipartWriter form = new MultipartWriter();
        modules.forEach(module -> form.part(module.name(), module.contentType(), module.content()));
        byte[] body = form.finish();
        return new ApiResponse(200, Map.of("Content-Type", form.contentType(), "cf-entrypoint", entry), body);
    }
}
