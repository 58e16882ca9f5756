package dev.corral.platform.control;

import dev.corral.storage.ScriptRecord;
import dev.corral.storage.VersionRecord;

/** A script with the version it serves. */
public record ScriptView(ScriptRecord script, VersionRecord version, VersionMetadata metadata) {
    /** The serving version's id as a UUID, Cloudflare's {@code deployment_id}. */
    public String deploymentId() {
        return VersionIds.asUuid(version.id());
    }

    public boolean hasModules() {
        return metadata.isModuleWorker();
    }
}
