package dev.corral.storage.sqlite;

import java.util.List;

/**
 * The schema history of {@code control.db}. Add a step to change the schema; never edit a released one.
 *
 * <p>Times are epoch milliseconds. Tables are {@code STRICT}, so a value of the wrong type is refused, not stored.
 */
final class ControlSchema {
    private ControlSchema() {}

    static final List<Migration> HISTORY = List.of(
            new Migration(1, "tokens, namespaces, scripts with tags, versions, blobs, secrets, zones, routes", List.of(
                    """
                    CREATE TABLE tokens (
                        token_sha256 TEXT PRIMARY KEY,
                        account_id   TEXT NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE namespaces (
                        id              TEXT PRIMARY KEY,
                        account_id      TEXT NOT NULL,
                        name            TEXT NOT NULL,
                        trusted_workers INTEGER NOT NULL,
                        egress_allowed  INTEGER NOT NULL,
                        created_on      INTEGER NOT NULL,
                        modified_on     INTEGER NOT NULL,
                        UNIQUE (account_id, name)
                    ) STRICT""",
                    // namespace_id is '' for an account's plain scripts, so it cannot reference namespaces.
                    """
                    CREATE TABLE scripts (
                        account_id   TEXT NOT NULL,
                        namespace_id TEXT NOT NULL,
                        name         TEXT NOT NULL,
                        tag          TEXT NOT NULL UNIQUE,
                        version_id   TEXT NOT NULL,
                        created_on   INTEGER NOT NULL,
                        modified_on  INTEGER NOT NULL,
                        PRIMARY KEY (account_id, namespace_id, name)
                    ) STRICT""",
                    "CREATE INDEX scripts_by_namespace ON scripts (namespace_id)",
                    // A script's tags (labels such as "customer-42"), in the order they were set. They go with the
                    // script row; script_tag is the script's own immutable tag (id).
                    """
                    CREATE TABLE script_tags (
                        script_tag TEXT NOT NULL REFERENCES scripts (tag) ON DELETE CASCADE,
                        position   INTEGER NOT NULL,
                        tag        TEXT NOT NULL,
                        PRIMARY KEY (script_tag, position)
                    ) STRICT""",
                    // Versions and blobs are immutable and may be shared between scripts, so nothing cascades to
                    // them. modules_json is a JSON array of {"name", "contentType", "sha256"} objects.
                    """
                    CREATE TABLE versions (
                        id            TEXT PRIMARY KEY,
                        script_tag    TEXT NOT NULL,
                        metadata_json TEXT NOT NULL,
                        modules_json  TEXT NOT NULL,
                        created_on    INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE blobs (
                        sha256  TEXT PRIMARY KEY,
                        content BLOB NOT NULL
                    ) STRICT""",
                    // No foreign key to scripts: a deploy may write a script's secrets before the script row, and
                    // the platform does not promise an order inside its transaction.
                    """
                    CREATE TABLE secrets (
                        script_tag TEXT NOT NULL,
                        name       TEXT NOT NULL,
                        type       TEXT NOT NULL,
                        sealed     BLOB NOT NULL,
                        PRIMARY KEY (script_tag, name)
                    ) STRICT""",
                    """
                    CREATE TABLE zones (
                        id         TEXT PRIMARY KEY,
                        account_id TEXT NOT NULL,
                        name       TEXT NOT NULL,
                        created_on INTEGER NOT NULL,
                        UNIQUE (account_id, name)
                    ) STRICT""",
                    """
                    CREATE TABLE routes (
                        id      TEXT PRIMARY KEY,
                        zone_id TEXT NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
                        pattern TEXT NOT NULL,
                        script  TEXT NOT NULL,
                        UNIQUE (zone_id, pattern)
                    ) STRICT""")));
}
