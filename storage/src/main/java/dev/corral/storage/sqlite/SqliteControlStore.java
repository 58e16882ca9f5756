package dev.corral.storage.sqlite;

import static dev.corral.storage.sqlite.SqliteDatabase.instant;

import dev.corral.storage.ControlStore;
import dev.corral.storage.ModuleRef;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.RouteRecord;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.SecretRecord;
import dev.corral.storage.StoreConflictException;
import dev.corral.storage.StoreException;
import dev.corral.storage.TagFilter;
import dev.corral.storage.VersionRecord;
import dev.corral.storage.ZoneRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded control store: {@code control.db} in the data directory, kept by SQLite (see {@link ControlSchema}).
 *
 * <p>Every write is fsynced before its method returns. Instants are kept as epoch milliseconds: anything finer is
 * truncated, and what is read back is the truncated instant. Versions and blobs are never deleted here, because they
 * are immutable and scripts may share them.
 */
public final class SqliteControlStore implements ControlStore {
    static final String FILE_NAME = "control.db";

    private final SqliteDatabase db;

    private SqliteControlStore(SqliteDatabase db) {
        this.db = db;
    }

    /** Opens {@code <dataDir>/control.db}, creating the directory and the database if they do not exist. */
    public static SqliteControlStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir, e);
        }
        return new SqliteControlStore(SqliteDatabase.open(dataDir.resolve(FILE_NAME), ControlSchema.HISTORY));
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction(work);
    }

    // ------------------------------------------------------------------ API tokens

    @Override
    public Optional<String> accountForToken(String tokenSha256) {
        return db.first("SELECT account_id FROM tokens WHERE token_sha256 = ?", row -> row.getString(1), tokenSha256);
    }

    @Override
    public void putToken(String tokenSha256, String accountId) {
        db.update("""
                INSERT INTO tokens (token_sha256, account_id) VALUES (?, ?)
                ON CONFLICT (token_sha256) DO UPDATE SET account_id = excluded.account_id""", tokenSha256, accountId);
    }

    // ------------------------------------------------------------------ namespaces

    @Override
    public void createNamespace(NamespaceRecord namespace) {
        db.updateOrConflict(namespaceNameTaken(namespace), """
                INSERT INTO namespaces (id, account_id, name, trusted_workers, egress_allowed, created_on, modified_on)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                namespace.id(), namespace.accountId(), namespace.name(), namespace.trustedWorkers(),
                namespace.egressAllowed(), namespace.createdOn(), namespace.modifiedOn());
    }

    @Override
    public Optional<NamespaceRecord> namespace(String accountId, String name) {
        return db.first("SELECT * FROM namespaces WHERE account_id = ? AND name = ?",
                SqliteControlStore::readNamespace, accountId, name);
    }

    @Override
    public Optional<NamespaceRecord> namespaceById(String id) {
        return db.first("SELECT * FROM namespaces WHERE id = ?", SqliteControlStore::readNamespace, id);
    }

    @Override
    public List<NamespaceRecord> namespaces(String accountId) {
        return db.list("SELECT * FROM namespaces WHERE account_id = ? ORDER BY name",
                SqliteControlStore::readNamespace, accountId);
    }

    /** Changes the name, the flags and the modification time; the account and creation time stay as stored. */
    @Override
    public void updateNamespace(NamespaceRecord namespace) {
        db.updateOrConflict(namespaceNameTaken(namespace), """
                UPDATE namespaces SET name = ?, trusted_workers = ?, egress_allowed = ?, modified_on = ?
                WHERE id = ?""",
                namespace.name(), namespace.trustedWorkers(), namespace.egressAllowed(), namespace.modifiedOn(),
                namespace.id());
    }

    @Override
    public boolean deleteNamespace(String namespaceId) {
        return db.inTransaction(() -> db.first("SELECT account_id FROM namespaces WHERE id = ?",
                        row -> row.getString(1), namespaceId)
                .map(accountId -> {
                    // Scripts are matched by account too, so that nothing but this namespace's scripts can go.
                    db.update("""
                            DELETE FROM secrets WHERE script_tag IN
                                (SELECT tag FROM scripts WHERE account_id = ? AND namespace_id = ?)""",
                            accountId, namespaceId);
                    db.update("DELETE FROM scripts WHERE account_id = ? AND namespace_id = ?", accountId, namespaceId);
                    return db.update("DELETE FROM namespaces WHERE id = ?", namespaceId) > 0;
                })
                .orElse(false));
    }

    @Override
    public int scriptCount(String namespaceId) {
        return db.first("SELECT count(*) FROM scripts WHERE namespace_id = ?", row -> row.getInt(1), namespaceId)
                .orElseThrow();
    }

    private static String namespaceNameTaken(NamespaceRecord namespace) {
        return "account " + namespace.accountId() + " already has a namespace named " + namespace.name();
    }

    private static NamespaceRecord readNamespace(ResultSet row) throws SQLException {
        return new NamespaceRecord(row.getString("id"), row.getString("account_id"), row.getString("name"),
                row.getBoolean("trusted_workers"), row.getBoolean("egress_allowed"),
                instant(row, "created_on"), instant(row, "modified_on"));
    }

    // ------------------------------------------------------------------ scripts and versions

    /** Adds each chosen script's tags: one row per tag, in order, or one row with a null tag for a script without. */
    private static final String WITH_TAGS = """
            WITH chosen AS (%s)
            SELECT chosen.*, t.tag AS carried_tag
            FROM chosen LEFT JOIN script_tags t ON t.script_tag = chosen.tag
            ORDER BY chosen.name, t.position""";

    /** A WHERE condition on scripts that picks one by its key; its arguments are {@link #keyArguments}. */
    private static final String KEY_MATCHES = "account_id = ? AND namespace_id = ? AND name = ?";

    private static Object[] keyArguments(ScriptKey key) {
        return new Object[] {key.accountId(), key.namespaceId(), key.name()};
    }

    @Override
    public Optional<ScriptRecord> script(ScriptKey key) {
        return scriptsWithTags("SELECT * FROM scripts WHERE " + KEY_MATCHES, List.of(keyArguments(key)))
                .stream().findFirst();
    }

    @Override
    public List<ScriptRecord> scripts(String accountId, String namespaceId, TagFilter filter, String afterName, int limit) {
        ScriptPageQuery page = ScriptPageQuery.of(accountId, namespaceId, filter, afterName, limit);
        return scriptsWithTags(page.sql(), page.arguments());
    }

    private List<ScriptRecord> scriptsWithTags(String chosenScripts, List<Object> arguments) {
        record Row(ScriptRecord script, String carriedTag) {}
        List<Row> rows = db.list(WITH_TAGS.formatted(chosenScripts),
                row -> new Row(readScriptWithoutTags(row), row.getString("carried_tag")), arguments.toArray());
        Map<String, ScriptRecord> scriptsByTag = new LinkedHashMap<>();
        Map<String, List<String>> tagsByScriptTag = new HashMap<>();
        for (Row row : rows) {
            String scriptTag = row.script().tag();
            scriptsByTag.putIfAbsent(scriptTag, row.script());
            List<String> tags = tagsByScriptTag.computeIfAbsent(scriptTag, unused -> new ArrayList<>());
            if (row.carriedTag() != null) {
                tags.add(row.carriedTag());
            }
        }
        return scriptsByTag.values().stream()
                .map(script -> new ScriptRecord(script.key(), script.tag(), script.versionId(),
                        tagsByScriptTag.get(script.tag()), script.createdOn(), script.modifiedOn()))
                .toList();
    }

    private static ScriptRecord readScriptWithoutTags(ResultSet row) throws SQLException {
        ScriptKey key = new ScriptKey(row.getString("account_id"), row.getString("namespace_id"), row.getString("name"));
        return new ScriptRecord(key, row.getString("tag"), row.getString("version_id"), List.of(),
                instant(row, "created_on"), instant(row, "modified_on"));
    }

    /** Also replaces the script's tags with the record's. */
    @Override
    public void putScript(ScriptRecord script) {
        ScriptKey key = script.key();
        db.inTransaction(() -> {
            db.updateOrConflict("script tag " + script.tag() + " already belongs to another script", """
                    INSERT INTO scripts (account_id, namespace_id, name, tag, version_id, created_on, modified_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, namespace_id, name)
                    DO UPDATE SET version_id = excluded.version_id, modified_on = excluded.modified_on""",
                    key.accountId(), key.namespaceId(), key.name(), script.tag(), script.versionId(),
                    script.createdOn(), script.modifiedOn());
            // An existing script keeps its own tag, which may differ from the record's.
            String scriptTag = db.first("SELECT tag FROM scripts WHERE " + KEY_MATCHES,
                    row -> row.getString(1), keyArguments(key)).orElseThrow();
            db.update("DELETE FROM script_tags WHERE script_tag = ?", scriptTag);
            for (int position = 0; position < script.tags().size(); position++) {
                db.update("INSERT INTO script_tags (script_tag, position, tag) VALUES (?, ?, ?)",
                        scriptTag, position, script.tags().get(position));
            }
            return null;
        });
    }

    /** Its tags go with the script row through their foreign key; secrets have none (see {@link ControlSchema}). */
    @Override
    public boolean deleteScript(ScriptKey key) {
        return db.inTransaction(() -> {
            db.update("DELETE FROM secrets WHERE script_tag = (SELECT tag FROM scripts WHERE " + KEY_MATCHES + ")",
                    keyArguments(key));
            return db.update("DELETE FROM scripts WHERE " + KEY_MATCHES, keyArguments(key)) > 0;
        });
    }

    @Override
    public void putVersion(VersionRecord version) {
        List<Object> arguments = new ArrayList<>(List.of(version.id(), version.scriptTag(), version.metadataJson()));
        arguments.addAll(ModulesJson.arguments(version.modules()));
        arguments.add(version.createdOn());
        db.update("INSERT INTO versions (id, script_tag, metadata_json, modules_json, created_on) VALUES (?, ?, ?, "
                + ModulesJson.arrayExpression(version.modules().size()) + ", ?) ON CONFLICT (id) DO NOTHING",
                arguments.toArray());
    }

    @Override
    public Optional<VersionRecord> version(String versionId) {
        // Two reads without a transaction are safe: a version never changes once written.
        List<ModuleRef> modules = db.list(ModulesJson.MODULES_OF_VERSION, ModulesJson::read, versionId);
        return db.first("SELECT script_tag, metadata_json, created_on FROM versions WHERE id = ?",
                row -> new VersionRecord(versionId, row.getString("script_tag"), row.getString("metadata_json"),
                        modules, instant(row, "created_on")),
                versionId);
    }

    @Override
    public void putBlob(String sha256, byte[] content) {
        db.update("INSERT INTO blobs (sha256, content) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING", sha256, content);
    }

    @Override
    public Optional<byte[]> blob(String sha256) {
        return db.first("SELECT content FROM blobs WHERE sha256 = ?", row -> row.getBytes(1), sha256);
    }

    // ------------------------------------------------------------------ secrets

    @Override
    public Map<String, SecretRecord> secrets(String scriptTag) {
        Map<String, SecretRecord> secrets = new LinkedHashMap<>();
        db.list("SELECT name, type, sealed FROM secrets WHERE script_tag = ? ORDER BY name",
                        row -> new SecretRecord(row.getString("name"), row.getString("type"), row.getBytes("sealed")),
                        scriptTag)
                .forEach(secret -> secrets.put(secret.name(), secret));
        return Collections.unmodifiableMap(secrets);
    }

    @Override
    public void putSecret(String scriptTag, SecretRecord secret) {
        db.update("""
                INSERT INTO secrets (script_tag, name, type, sealed) VALUES (?, ?, ?, ?)
                ON CONFLICT (script_tag, name) DO UPDATE SET type = excluded.type, sealed = excluded.sealed""",
                scriptTag, secret.name(), secret.type(), secret.sealed());
    }

    @Override
    public boolean deleteSecret(String scriptTag, String name) {
        return db.update("DELETE FROM secrets WHERE script_tag = ? AND name = ?", scriptTag, name) > 0;
    }

    // ------------------------------------------------------------------ zones and routes

    @Override
    public void createZone(ZoneRecord zone) {
        db.updateOrConflict("account " + zone.accountId() + " already has a zone named " + zone.name(),
                "INSERT INTO zones (id, account_id, name, created_on) VALUES (?, ?, ?, ?)",
                zone.id(), zone.accountId(), zone.name(), zone.createdOn());
    }

    @Override
    public Optional<ZoneRecord> zone(String zoneId) {
        return db.first("SELECT * FROM zones WHERE id = ?", SqliteControlStore::readZone, zoneId);
    }

    @Override
    public List<ZoneRecord> zones(String accountId) {
        return db.list("SELECT * FROM zones WHERE account_id = ? ORDER BY name", SqliteControlStore::readZone, accountId);
    }

    /** Its routes go with it through the foreign key. */
    @Override
    public boolean deleteZone(String zoneId) {
        return db.update("DELETE FROM zones WHERE id = ?", zoneId) > 0;
    }

    /** @throws StoreConflictException also if the route's zone does not exist (it may have just been deleted). */
    @Override
    public void putRoute(RouteRecord route) {
        db.inTransaction(() -> {
            if (zone(route.zoneId()).isEmpty()) {
                throw new StoreConflictException("zone " + route.zoneId() + " does not exist");
            }
            return db.updateOrConflict("zone " + route.zoneId() + " already has a route for " + route.pattern(), """
                    INSERT INTO routes (id, zone_id, pattern, script) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET zone_id = excluded.zone_id, pattern = excluded.pattern,
                                                   script = excluded.script""",
                    route.id(), route.zoneId(), route.pattern(), route.script());
        });
    }

    @Override
    public Optional<RouteRecord> route(String routeId) {
        return db.first("SELECT * FROM routes WHERE id = ?", SqliteControlStore::readRoute, routeId);
    }

    @Override
    public List<RouteRecord> routes(String zoneId) {
        return db.list("SELECT * FROM routes WHERE zone_id = ? ORDER BY pattern", SqliteControlStore::readRoute, zoneId);
    }

    @Override
    public List<RouteRecord> accountRoutes(String accountId) {
        return db.list("""
                SELECT routes.* FROM routes JOIN zones ON zones.id = routes.zone_id
                WHERE zones.account_id = ?
                ORDER BY zones.name, routes.pattern""", SqliteControlStore::readRoute, accountId);
    }

    @Override
    public boolean deleteRoute(String routeId) {
        return db.update("DELETE FROM routes WHERE id = ?", routeId) > 0;
    }

    private static ZoneRecord readZone(ResultSet row) throws SQLException {
        return new ZoneRecord(row.getString("id"), row.getString("account_id"), row.getString("name"),
                instant(row, "created_on"));
    }

    private static RouteRecord readRoute(ResultSet row) throws SQLException {
        return new RouteRecord(row.getString("id"), row.getString("zone_id"), row.getString("pattern"),
                row.getString("script"));
    }

    @Override
    public void close() {
        db.close();
    }
}
