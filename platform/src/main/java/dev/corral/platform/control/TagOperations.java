package dev.corral.platform.control;

import dev.corral.platform.ScriptRuntime;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A script's tags: management labels for listing and bulk deletion. Changing them makes no new version. */
public final class TagOperations {
    private final Catalog catalog;
    private final ScriptRuntime runtime;
    private final Clock clock;

    TagOperations(Catalog catalog, ScriptRuntime runtime, Clock clock) {
        this.catalog = catalog;
        this.runtime = runtime;
        this.clock = clock;
    }

    public List<String> get(ScriptKey key) {
        return catalog.requireScript(key).tags();
    }

    /** Replaces all tags. */
    public List<String> put(ScriptKey key, List<String> tags) {
        return catalog.locked(key, () -> store(catalog.requireScript(key), TagRules.validate(tags)));
    }

    /** Adds one tag unless the script has it. */
    public List<String> add(ScriptKey key, String tag) {
        return catalog.locked(key, () -> {
            ScriptRecord script = catalog.requireScript(key);
            List<String> tags = new ArrayList<>(script.tags());
            tags.add(TagRules.validateOne(tag));
            return store(script, TagRules.validate(tags));
        });
    }

    /** Removes one tag; removing a tag the script does not have changes nothing. */
    public List<String> remove(ScriptKey key, String tag) {
        return catalog.locked(key, () -> {
            ScriptRecord script = catalog.requireScript(key);
            List<String> tags = new ArrayList<>(script.tags());
            tags.remove(tag);
            return store(script, tags);
        });
    }

    private List<String> store(ScriptRecord script, List<String> tags) {
        if (!tags.equals(script.tags())) {
            ScriptRecord updated = new ScriptRecord(script.key(), script.tag(), script.versionId(), tags,
                    script.createdOn(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            catalog.store().inTransaction(() -> {
                catalog.requireUnchanged(script.key(), Optional.of(script));
                catalog.store().putScript(updated);
                return null;
            });
            runtime.scriptChanged(script.key());
        }
        return List.copyOf(tags);
    }
}
