package dev.corral.platform.serve;

import dev.corral.storage.ScriptKey;
import java.util.Optional;

/** Reads the version a script currently serves, with its modules and secrets, from the control plane. */
@FunctionalInterface
public interface ScriptSource {
    Optional<ScriptSnapshot> load(ScriptKey key);
}
