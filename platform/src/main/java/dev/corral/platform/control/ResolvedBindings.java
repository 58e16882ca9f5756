package dev.corral.platform.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The bindings a new version will have.
 *
 * @param stored         the non-secret bindings, normalized, as the version's metadata stores them.
 * @param secretValues   secrets the request sets, by name, in clear.
 * @param copiedSecrets  secrets an {@code inherit} binding renames: new name to the existing secret's name.
 */
record ResolvedBindings(List<ObjectNode> stored, Map<String, String> secretValues, Map<String, String> copiedSecrets) {
    ResolvedBindings {
        stored = List.copyOf(stored);
        secretValues = Map.copyOf(secretValues);
        copiedSecrets = Map.copyOf(copiedSecrets);
    }
}
