package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import dev.corral.platform.UploadedModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The code of an upload: its modules with normalized content types, and which one is the entry ({@code main_module}
 * for ES module syntax, {@code body_part} for service-worker syntax).
 */
record EntryModules(boolean moduleWorker, String entry, List<ModuleFile> modules) {
    EntryModules {
        modules = List.copyOf(modules);
    }

    /**
     * @throws PlatformException 400/10021 if the entry is missing or not among the modules, a module is unusable or
     *                           sent twice; 400/10027 if the modules exceed {@code maxBytes} together.
     */
    static EntryModules of(ObjectNode metadata, List<UploadedModule> uploaded, long maxBytes) {
        String mainModule = text(metadata, "main_module");
        String bodyPart = text(metadata, "body_part");
        if (mainModule != null && bodyPart != null) {
            throw PlatformException.invalid(10021, "Name either a main_module or a body_part, not both");
        }
        if (mainModule == null && bodyPart == null) {
            throw PlatformException.invalid(10021, "At least one module must be present and referenced in the metadata "
                    + "as main_module or body_part");
        }
        boolean moduleWorker = mainModule != null;
        String entry = moduleWorker ? mainModule : bodyPart;
        long total = 0;
        Set<String> names = new HashSet<>();
        List<ModuleFile> modules = new ArrayList<>();
        for (UploadedModule module : uploaded) {
            String name = module.name();
            if (name == null || name.isBlank()) {
                throw PlatformException.invalid(10021, "A module part has no name");
            }
            if (!names.add(name)) {
                throw PlatformException.invalid(10021, "Module '" + name + "' was uploaded more than once");
            }
            total += module.content().length;
            String type = ModuleKinds.normalize(name, module.contentType(), moduleWorker);
            String hash = HexFormat.of().formatHex(VersionIds.sha256(module.content()));
            modules.add(new ModuleFile(name, type, module.content().clone(), hash));
        }
        if (total > maxBytes) {
            throw PlatformException.invalid(10027, "Script size exceeds limit: " + total + " bytes uploaded, at most "
                    + maxBytes + " allowed");
        }
        ModuleFile entryModule = modules.stream().filter(m -> m.name().equals(entry)).findFirst()
                .orElseThrow(() -> PlatformException.invalid(10021, (moduleWorker ? "main_module" : "body_part")
                        + " '" + entry + "' is not among the uploaded modules"));
        String expected = moduleWorker ? ModuleKinds.ESM : ModuleKinds.CLASSIC;
        if (!entryModule.contentType().equals(expected)) {
            throw PlatformException.invalid(10021, (moduleWorker ? "main_module" : "body_part") + " '" + entry
                    + "' must be JavaScript, not " + entryModule.contentType());
        }
        return new EntryModules(moduleWorker, entry, modules);
    }

    private static String text(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw PlatformException.invalid(10021, field + " must be a module name");
        }
        return value.asText();
    }
}
