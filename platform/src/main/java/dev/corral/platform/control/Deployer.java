package dev.corral.platform.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.StartupReport;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ModuleRef;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.SecretRecord;
import dev.corral.storage.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns validated code, bindings and settings into a new version serving a script: checks that it starts, then writes
 * blobs, version, script pointer and secret changes in one transaction, then tells the runtime.
 */
final class Deployer {
    private final Catalog catalog;
    private final ScriptRuntime runtime;
    private final Clock clock;

    Deployer(Catalog catalog, ScriptRuntime runtime, Clock clock) {
        this.catalog = catalog;
        this.runtime = runtime;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param existing    the script before this deploy, if any.
     * @param bindings    the version's non-secret bindings.
     * @param settings    the version's settings fields.
     * @param secretPuts  secrets to set, in clear.
     * @param secretCopies secrets to copy under a new name: new name to existing name.
     * @param tags        the script's new tags, or null to keep them.
     */
    Deployment deploy(ScriptKey key, Optional<ScriptRecord> existing, EntryModules code, List<ObjectNode> bindings,
                      ObjectNode settings, Map<String, String> secretPuts, Map<String, String> secretCopies,
                      List<String> tags) {
        ControlStore store = catalog.store();
        Instant now = now();
        String tag = existing.map(ScriptRecord::tag).orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));

        Map<String, String> secrets = existing.isPresent() ? catalog.openSecrets(tag) : new TreeMap<>();
        Map<String, String> changed = new LinkedHashMap<>();
        secretCopies.forEach((name, from) -> changed.put(name, secrets.get(from)));
        changed.putAll(secretPuts);
        secrets.putAll(changed);
        // A plain binding that takes over a secret's name replaces the secret.
        Set<String> removed = new HashSet<>(secrets.keySet());
        removed.retainAll(BindingRules.namesOf(bindings));
        secrets.keySet().removeAll(removed);
        changed.keySet().removeAll(removed);
        BindingRules.checkVarCount(bindings, secrets.size());

        CheckedVersion checked = checkVersion(key, tag, code, bindings, settings, secrets, now);
        VersionRecord version = checked.version();
        StartupReport startup = checked.startup();
        ScriptRecord script = new ScriptRecord(key, tag, version.id(),
                tags != null ? tags : existing.map(ScriptRecord::tags).orElse(List.of()),
                existing.map(ScriptRecord::createdOn).orElse(now), now);
        SecretSealer sealer = catalog.sealer();
        store.inTransaction(() -> {
            catalog.requireUnchanged(key, existing);
            code.modules().forEach(m -> store.putBlob(m.sha256(), m.content()));
            store.putVersion(version);
            store.putScript(script);
            changed.forEach((name, value) -> store.putSecret(tag, new SecretRecord(name, "secret_text",
                    sealer.seal(tag, name, value))));
            removed.forEach(name -> store.deleteSecret(tag, name));
            return null;
        });
        runtime.scriptChanged(key);
        return new Deployment(catalog.view(catalog.requireScript(key)), startup);
    }

    /** A version that started in the runtime, not yet stored, with the handlers it reported. */
    record CheckedVersion(VersionRecord version, StartupReport startup) {}

    /**
     * Builds the content-addressed version of this code, bindings and settings, and starts it in the runtime with
     * the secrets its env will hold.
     *
     * @throws dev.corral.platform.PlatformException 400/10021 if it does not start.
     */
    CheckedVersion checkVersion(ScriptKey key, String tag, EntryModules code, List<ObjectNode> bindings, ObjectNode settings,
                                Map<String, String> secrets, Instant now) {
        VersionMetadata metadata = VersionMetadata.of(code.moduleWorker(), code.entry(), bindings, settings, List.of());
        String versionId = VersionIds.of(tag, metadata, code.modules());
        List<ModuleRef> refs = code.modules().stream()
                .map(m -> new ModuleRef(m.name(), m.contentType(), m.sha256())).toList();
        Map<String, byte[]> moduleBytes = new LinkedHashMap<>();
        code.modules().forEach(m -> moduleBytes.put(m.name(), m.content()));
        StartupReport startup = runtime.check(key,
                new VersionRecord(versionId, tag, metadata.toJson(), refs, now), moduleBytes, Map.copyOf(secrets));
        VersionRecord version = new VersionRecord(versionId, tag, metadata.withHandlers(startup.handlers()).toJson(), refs, now);
        return new CheckedVersion(version, startup);
    }
}
