package dev.corral.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The control plane's storage: API tokens, namespaces, scripts and their immutable versions, module blobs, secrets,
 * tags, zones and routes. The embedded implementation keeps it in SQLite in the data directory; a scaled-out node
 * keeps it in PostgreSQL.
 *
 * <p>Every write is durable when the method returns. {@link #inTransaction} groups writes so that they land together
 * or not at all (a deploy writes blobs, a version, the script pointer and secrets at once); calls made inside it on
 * the same thread join it. Implementations are thread-safe.
 */
public interface ControlStore extends AutoCloseable {

    /** Runs {@code work} in one transaction: either all its writes are committed or, if it throws, none. */
    <T> T inTransaction(Supplier<T> work);

    // ------------------------------------------------------------------ API tokens

    /** The account an API token (by its SHA-256, hex) may act for. */
    Optional<String> accountForToken(String tokenSha256);

    void putToken(String tokenSha256, String accountId);

    // ------------------------------------------------------------------ namespaces

    /** @throws StoreConflictException if the account already has a namespace of that name. */
    void createNamespace(NamespaceRecord namespace);

    Optional<NamespaceRecord> namespace(String accountId, String name);

    Optional<NamespaceRecord> namespaceById(String id);

    /** The account's namespaces by name. */
    List<NamespaceRecord> namespaces(String accountId);

    /** Replaces a namespace's name and flags (found by id). @throws StoreConflictException if the new name is taken. */
    void updateNamespace(NamespaceRecord namespace);

    /** Deletes a namespace with every script, version pointer, secret and tag in it. False if there was none. */
    boolean deleteNamespace(String namespaceId);

    int scriptCount(String namespaceId);

    // ------------------------------------------------------------------ scripts and versions

    Optional<ScriptRecord> script(ScriptKey key);

    /**
     * Scripts of one namespace (or the account's plain scripts, with an empty namespace id) ordered by name, those
     * named after {@code afterName} (exclusive; null for the first page), at most {@code limit}.
     */
    List<ScriptRecord> scripts(String accountId, String namespaceId, TagFilter filter, String afterName, int limit);

    /** Creates the script or points it at a new version; keeps its tag and creation time if it exists. */
    void putScript(ScriptRecord script);

    /** Deletes a script with its secrets and tags. Versions and blobs other scripts use stay. False if there was none. */
    boolean deleteScript(ScriptKey key);

    /** Stores a version if no version with its id exists (versions are immutable). */
    void putVersion(VersionRecord version);

    Optional<VersionRecord> version(String versionId);

    /** Stores module bytes under their SHA-256 (hex), once. */
    void putBlob(String sha256, byte[] content);

    Optional<byte[]> blob(String sha256);

    // ------------------------------------------------------------------ secrets

    /** The script's secrets by name. */
    Map<String, SecretRecord> secrets(String scriptTag);

    void putSecret(String scriptTag, SecretRecord secret);

    boolean deleteSecret(String scriptTag, String name);

    // ------------------------------------------------------------------ zones and routes

    /** @throws StoreConflictException if the account already has a zone of that name. */
    void createZone(ZoneRecord zone);

    Optional<ZoneRecord> zone(String zoneId);

    List<ZoneRecord> zones(String accountId);

    /** Deletes a zone and its routes. */
    boolean deleteZone(String zoneId);

    /** Creates or replaces a route (by id). @throws StoreConflictException if the zone has another route with the pattern. */
    void putRoute(RouteRecord route);

    Optional<RouteRecord> route(String routeId);

    List<RouteRecord> routes(String zoneId);

    /** Every route of the account, for the front door's route table. */
    List<RouteRecord> accountRoutes(String accountId);

    boolean deleteRoute(String routeId);

    @Override
    void close();
}
