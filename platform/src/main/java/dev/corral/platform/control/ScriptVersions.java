package dev.corral.platform.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.StartupReport;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cloudflare's versions and deployments of a plain script, as {@code wrangler deploy} uses them for a Worker that
 * already exists: a version is uploaded without serving traffic, then a deployment points the script at it. Only a
 * deployment that sends all traffic to one version exists in Corral.
 *
 * <p>Secrets are a script's, not a version's, in Corral: a version upload may keep or rename none and set none, since
 * that would change the version serving now. Tags are the script's too: an upload's {@code tags} are ignored, as
 * wrangler sets them afterwards through the script settings.
 */
public final class ScriptVersions {
    private final Catalog catalog;
    private final Deployer deployer;
    private final ScriptRuntime runtime;
    private final ControlLimits limits;
    private final Clock clock;

    public ScriptVersions(ControlStore store, ScriptRuntime runtime, SecretSealer sealer, ControlLimits limits, Clock clock) {
        this.catalog = new Catalog(store, sealer);
        this.deployer = new Deployer(catalog, runtime, clock);
        this.runtime = runtime;
        this.limits = limits;
        this.clock = clock;
    }

    /** A stored version that serves no traffic yet, and what starting it reported. */
    public record UploadedVersion(VersionRecord version, VersionMetadata metadata, StartupReport startup) {
        /** The version id as a UUID, the form Cloudflare's versions API uses. */
        public String versionUuid() {
            return VersionIds.asUuid(version.id());
        }
    }

    /**
     * Checks that the version starts and stores it; the script keeps serving its current version.
     *
     * @throws PlatformException 404/10007 if the script does not exist, 400/10021 for an invalid upload or one that
     *                           sets secrets, 400/10057 for an unresolvable inherit binding with {@code strictInherit}.
     */
    public UploadedVersion upload(ScriptKey key, ScriptUpload upload, boolean strictInherit) {
        ScriptRecord script = catalog.requireScript(key);
        ScriptView current = catalog.view(script);
        String tag = script.tag();
        ObjectNode metadata = upload.metadata();
        EntryModules code = EntryModules.of(metadata, upload.modules(), limits.maxScriptBytes());
        Map<String, String> secrets = catalog.openSecrets(tag);
        ResolvedBindings bindings = BindingRules.forScript(catalog.store(), tag, current.metadata().bindings(), secrets.keySet())
                .resolve(metadata.get("bindings"), BindingRules.keptTypes(metadata), strictInherit);
        if (!bindings.secretValues().isEmpty() || !bindings.copiedSecrets().isEmpty()) {
            throw PlatformException.invalid(10021, "A version upload cannot set or rename secrets: secrets belong to the "
                    + "script, so set them with PUT .../secrets or deploy the script with PUT");
        }
        ObjectNode settings = SettingsRules.defaults();
        SettingsRules.apply(metadata, settings);
        // As on deploy, a plain binding that takes a secret's name hides the secret.
        secrets.keySet().removeAll(BindingRules.namesOf(bindings.stored()));
        BindingRules.checkVarCount(bindings.stored(), secrets.size());

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Deployer.CheckedVersion checked = deployer.checkVersion(key, tag, code, bindings.stored(), settings, secrets, now);
        VersionRecord version = checked.version();
        StartupReport startup = checked.startup();
        ControlStore store = catalog.store();
        store.inTransaction(() -> {
            code.modules().forEach(m -> store.putBlob(m.sha256(), m.content()));
            store.putVersion(version);
            return null;
        });
        // An identical upload earlier stored this id already; versions are immutable, so that one is the version.
        VersionRecord stored = store.version(version.id()).orElse(version);
        return new UploadedVersion(stored, VersionMetadata.parse(stored.metadataJson()), startup);
    }

    /**
     * Points the script at one of its versions. Secrets that a plain binding of that version now names are removed,
     * as a deploy does.
     *
     * @param versionId the version's id, as a UUID or 32 hex characters.
     * @return the script as it now serves.
     * @throws PlatformException 404/10007 if the script does not exist, 400/10021 if the version is not one of its own.
     */
    public ScriptView deploy(ScriptKey key, String versionId) {
        return catalog.locked(key, () -> deployLocked(key, versionId));
    }

    private ScriptView deployLocked(ScriptKey key, String versionId) {
        ScriptRecord script = catalog.requireScript(key);
        String id = versionId == null ? "" : versionId.replace("-", "").toLowerCase(Locale.ROOT);
        VersionRecord version = catalog.store().version(id)
                .filter(v -> v.scriptTag().equals(script.tag()))
                .orElseThrow(() -> PlatformException.invalid(10021,
                        "Version " + versionId + " is not a version of the Worker " + key.name()));
        Set<String> hidden = new HashSet<>(catalog.store().secrets(script.tag()).keySet());
        hidden.retainAll(BindingRules.namesOf(VersionMetadata.parse(version.metadataJson()).bindings()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ControlStore store = catalog.store();
        store.inTransaction(() -> {
            // The control plane's own operations on this script hold other locks: this check catches them too.
            catalog.requireUnchanged(key, Optional.of(script));
            store.putScript(new ScriptRecord(key, script.tag(), version.id(), script.tags(), script.createdOn(), now));
            hidden.forEach(name -> store.deleteSecret(script.tag(), name));
            return null;
        });
        runtime.scriptChanged(key);
        return catalog.view(catalog.requireScript(key));
    }

}
