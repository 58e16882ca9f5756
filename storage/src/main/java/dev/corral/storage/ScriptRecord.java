package dev.corral.storage;

import java.time.Instant;
import java.util.List;

/**
 * A script and the version it currently serves.
 *
 * @param tag       Cloudflare's immutable script id (32 hex), kept across versions and renames of its namespace.
 * @param versionId the version serving traffic.
 * @param tags      the script's tags, in the order they were set.
 */
public record ScriptRecord(ScriptKey key, String tag, String versionId, List<String> tags, Instant createdOn, Instant modifiedOn) {
    public ScriptRecord {
        tags = List.copyOf(tags);
    }
}
