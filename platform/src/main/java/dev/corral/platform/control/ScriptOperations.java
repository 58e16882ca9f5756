package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.ScriptUpload;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.TagFilter;
import dev.corral.storage.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Deploying, reading, re-configuring, listing and deleting scripts. */
public final class ScriptOperations {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Catalog catalog;
    private final Deployer deployer;
    private final ScriptRuntime runtime;
    private final ControlLimits limits;

    ScriptOperations(Catalog catalog, Deployer deployer, ScriptRuntime runtime, ControlLimits limits) {
        this.catalog = catalog;
        this.deployer = deployer;
        this.runtime = runtime;
        this.limits = limits;
    }

    /**
     * Uploads a new version of the script, creating the script if needed. Secrets set before and not mentioned stay.
     *
     * @param strictInherit Cloudflare's {@code bindings_inherit=strict}: an {@code inherit} binding that resolves to
     *                      nothing fails the upload instead of being dropped.
     * @throws PlatformException with Cloudflare's status and code when the upload is invalid or does not start;
     *                           nothing is stored then.
     */
    public Deployment deploy(ScriptKey key, ScriptUpload upload, boolean strictInherit) {
        NameRules.requireScriptName(key.name());
        return catalog.locked(key, () -> deployLocked(key, upload, strictInherit));
    }

    private Deployment deployLocked(ScriptKey key, ScriptUpload upload, boolean strictInherit) {
        ObjectNode metadata = upload.metadata();
        Optional<ScriptRecord> existing = catalog.store().script(key);
        Optional<ScriptView> current = existing.map(catalog::view);
        EntryModules code = EntryModules.of(metadata, upload.modules(), limits.maxScriptBytes());
        ResolvedBindings bindings = bindingRules(existing, current)
                .resolve(metadata.get("bindings"), BindingRules.keptTypes(metadata), strictInherit);
        ObjectNode settings = SettingsRules.defaults();
        SettingsRules.apply(metadata, settings);
        List<String> tags = tagsOf(metadata);
        return deployer.deploy(key, existing, code, bindings.stored(), settings, bindings.secretValues(),
                bindings.copiedSecrets(), tags);
    }

    /** Replaces the script's code, keeping the bindings and settings of its current version. */
    public Deployment putContent(ScriptKey key, ScriptUpload upload) {
        return catalog.locked(key, () -> {
            ScriptRecord script = catalog.requireScript(key);
            ScriptView current = catalog.view(script);
            EntryModules code = EntryModules.of(upload.metadata(), upload.modules(), limits.maxScriptBytes());
            return deployer.deploy(key, Optional.of(script), code, current.metadata().bindings(),
                    current.metadata().settings(), Map.of(), Map.of(), null);
        });
    }

    public ScriptView script(ScriptKey key) {
        return catalog.view(catalog.requireScript(key));
    }

    /** The modules of the script's current version, in upload order, with normalized content types. */
    public List<ModuleFile> content(ScriptKey key) {
        return catalog.modules(script(key).version());
    }

    /**
     * Cloudflare's settings object: {@code bindings} (secrets as {@code {name, type}}), {@code compatibility_date},
     * {@code compatibility_flags}, {@code limits}, {@code logpush}, {@code observability}, {@code placement},
     * {@code tags}, {@code tail_consumers}, {@code usage_model}.
     */
    public ObjectNode settings(ScriptKey key) {
        ScriptView view = script(key);
        ObjectNode stored = view.metadata().settings();
        ObjectNode settings = JSON.objectNode();
        settings.set("bindings", bindingsOf(view));
        settings.set("compatibility_date", stored.get("compatibility_date"));
        settings.set("compatibility_flags", stored.get("compatibility_flags"));
        settings.set("limits", stored.get("limits"));
        settings.set("logpush", stored.get("logpush"));
        settings.set("observability", stored.get("observability"));
        settings.set("placement", stored.get("placement"));
        ArrayNode tags = settings.putArray("tags");
        view.script().tags().forEach(tags::add);
        settings.set("tail_consumers", stored.get("tail_consumers"));
        settings.set("usage_model", stored.get("usage_model"));
        return settings;
    }

    /**
     * Applies the settings fields {@code patch} has as a new version with the same code; a {@code bindings} array
     * replaces the bindings (secrets it does not mention stay, {@code inherit} resolves against the current version).
     *
     * @return the settings after the patch.
     */
    public ObjectNode patchSettings(ScriptKey key, ObjectNode patch) {
        catalog.locked(key, () -> patchLocked(key, patch));
        return settings(key);
    }

    private Deployment patchLocked(ScriptKey key, ObjectNode patch) {
        ScriptRecord script = catalog.requireScript(key);
        ScriptView current = catalog.view(script);
        ResolvedBindings bindings = patch.hasNonNull("bindings")
                ? bindingRules(Optional.of(script), Optional.of(current)).resolve(patch.get("bindings"), Set.of(), false)
                : new ResolvedBindings(current.metadata().bindings(), Map.of(), Map.of());
        ObjectNode settings = current.metadata().settings();
        SettingsRules.apply(patch, settings);
        List<String> tags = tagsOf(patch);
        EntryModules code = new EntryModules(current.metadata().isModuleWorker(), current.metadata().entry(),
                catalog.modules(current.version()));
        return deployer.deploy(key, Optional.of(script), code, bindings.stored(), settings, bindings.secretValues(),
                bindings.copiedSecrets(), tags);
    }

    /** The script's bindings: those of its current version, then its secrets as {@code {name, type}}. */
    public ArrayNode bindings(ScriptKey key) {
        return bindingsOf(script(key));
    }

    /** Deletes the script with its secrets and tags. {@code force} is accepted for Cloudflare compatibility. */
    public void delete(ScriptKey key, boolean force) {
        // Cloudflare refuses without force while service bindings or Durable Objects reference the script; nothing
        // in Corral pins a script that way, so force changes nothing.
        if (!catalog.store().deleteScript(key)) {
            throw Catalog.scriptNotFound();
        }
        runtime.scriptChanged(key);
    }

    /**
     * Scripts of a namespace (or the account's plain scripts, with an empty namespace id) matching {@code filter},
     * ordered by name.
     *
     * @param cursor a cursor from a previous page, or null for the first page.
     * @param limit  1 to {@value #MAX_PAGE_SIZE}.
     */
    public ScriptPage list(String accountId, String namespaceId, TagFilter filter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw PlatformException.invalid(10021, "limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        List<ScriptRecord> found = catalog.store().scripts(accountId, namespaceId, filter, decodeCursor(cursor), limit + 1);
        boolean more = found.size() > limit;
        List<ScriptView> page = found.subList(0, Math.min(limit, found.size())).stream().map(catalog::view).toList();
        String next = more ? encodeCursor(page.get(page.size() - 1).script().key().name()) : "";
        return new ScriptPage(page, next);
    }

    /**
     * Deletes every script matching {@code filter} in one transaction.
     *
     * @return the names deleted.
     */
    public List<String> deleteMatching(String accountId, String namespaceId, TagFilter filter) {
        if (filter.required().isEmpty() && filter.excluded().isEmpty()) {
            throw PlatformException.invalid(10021, "A tags filter is required to delete scripts in bulk");
        }
        ControlStore store = catalog.store();
        List<ScriptKey> deleted = store.inTransaction(() -> {
            List<ScriptKey> keys = new ArrayList<>();
            String after = null;
            List<ScriptRecord> batch;
            do {
                batch = store.scripts(accountId, namespaceId, filter, after, MAX_PAGE_SIZE);
                batch.forEach(s -> keys.add(s.key()));
                after = batch.isEmpty() ? null : batch.get(batch.size() - 1).key().name();
            } while (batch.size() == MAX_PAGE_SIZE);
            keys.forEach(store::deleteScript);
            return keys;
        });
        deleted.forEach(runtime::scriptChanged);
        return deleted.stream().map(ScriptKey::name).toList();
    }

    /** The modules of a version, by name, in upload order. */
    Map<String, byte[]> moduleBytes(VersionRecord version) {
        return catalog.moduleBytes(version);
    }

    private ArrayNode bindingsOf(ScriptView view) {
        ArrayNode out = JSON.arrayNode();
        view.metadata().bindings().forEach(out::add);
        catalog.store().secrets(view.script().tag()).values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(s -> out.addObject().put("name", s.name()).put("type", s.type()));
        return out;
    }

    private BindingRules bindingRules(Optional<ScriptRecord> existing, Optional<ScriptView> current) {
        String tag = existing.map(ScriptRecord::tag).orElse(null);
        Set<String> secretNames = tag == null ? Set.of() : catalog.store().secrets(tag).keySet();
        return BindingRules.forScript(catalog.store(), tag, current.map(v -> v.metadata().bindings()).orElse(List.of()), secretNames);
    }

    /** The tags a request sets, or null when it has none. */
    private static List<String> tagsOf(JsonNode metadata) {
        JsonNode tags = metadata.get("tags");
        if (tags == null || tags.isNull()) {
            return null;
        }
        return TagRules.validate(TagRules.strings(tags, "tags must be an array of strings"));
    }

    private static String encodeCursor(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalid(10021, "Invalid cursor");
        }
    }
}
