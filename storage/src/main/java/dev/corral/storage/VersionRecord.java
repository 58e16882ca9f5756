package dev.corral.storage;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a script. Its id is derived from its content (modules and metadata), so uploading the same
 * code and settings twice yields the same id.
 *
 * @param metadataJson the upload metadata as stored: main module or body part, bindings (secret values removed; they
 *                     live in {@link SecretRecord}s), compatibility settings, limits, and the other settings.
 */
public record VersionRecord(String id, String scriptTag, String metadataJson, List<ModuleRef> modules, Instant createdOn) {
    public VersionRecord {
        modules = List.copyOf(modules);
    }
}
