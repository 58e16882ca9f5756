package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptRuntime;
import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import dev.corral.storage.SecretRecord;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A script's secrets, set apart from its versions: changing one re-configures the script without a new version, and
 * every deploy keeps them.
 */
public final class SecretOperations {
    private static final String SECRET_TEXT = "secret_text";

    private final Catalog catalog;
    private final ScriptRuntime runtime;

    SecretOperations(Catalog catalog, ScriptRuntime runtime) {
        this.catalog = catalog;
        this.runtime = runtime;
    }

    /** Sets one secret from Cloudflare's {@code {name, text, type: "secret_text"}}. */
    public SecretInfo put(ScriptKey key, JsonNode body) {
        Map<String, String> puts = new LinkedHashMap<>();
        String name = parseSecret(body, null, puts);
        catalog.locked(key, () -> apply(key, catalog.requireScript(key), puts, Set.of()));
        return new SecretInfo(name, SECRET_TEXT);
    }

    /** The script's secrets by name, without values. */
    public List<SecretInfo> list(ScriptKey key) {
        ScriptRecord script = catalog.requireScript(key);
        return new TreeMap<>(catalog.store().secrets(script.tag())).values().stream()
                .map(s -> new SecretInfo(s.name(), s.type())).toList();
    }

    /** @throws PlatformException 404/10056 if the script has no such secret. */
    public SecretInfo get(ScriptKey key, String name) {
        ScriptRecord script = catalog.requireScript(key);
        SecretRecord secret = catalog.store().secrets(script.tag()).get(name);
        if (secret == null) {
            throw secretNotFound(name);
        }
        return new SecretInfo(secret.name(), secret.type());
    }

    /** @throws PlatformException 404/10056 if the script has no such secret. */
    public void delete(ScriptKey key, String name) {
        ScriptRecord script = catalog.requireScript(key);
        if (!catalog.store().deleteSecret(script.tag(), name)) {
            throw secretNotFound(name);
        }
        runtime.scriptChanged(key);
    }

    /**
     * Applies a JSON merge patch (RFC 7396) of {@code {"secrets": {NAME: {name?, text, type} | null}}}: an object
     * sets the secret, null deletes it, an absent name stays. All of it applies or none.
     *
     * @return every secret of the script afterwards, by name.
     */
    public Map<String, SecretInfo> patch(ScriptKey key, JsonNode body) {
        catalog.requireScript(key);
        JsonNode secrets = body == null ? null : body.get("secrets");
        if (secrets == null || !secrets.isObject()) {
            throw PlatformException.invalid(10021, "The body must be {\"secrets\": {NAME: {\"text\": ..., \"type\": "
                    + "\"secret_text\"} or null}}");
        }
        Map<String, String> puts = new LinkedHashMap<>();
        Set<String> deletes = new HashSet<>();
        for (var entry : secrets.properties()) {
            if (entry.getValue().isNull()) {
                deletes.add(entry.getKey());
            } else {
                parseSecret(entry.getValue(), entry.getKey(), puts);
            }
        }
        catalog.locked(key, () -> apply(key, catalog.requireScript(key), puts, deletes));
        Map<String, SecretInfo> after = new TreeMap<>();
        list(key).forEach(s -> after.put(s.name(), s));
        return after;
    }

    private Void apply(ScriptKey key, ScriptRecord script, Map<String, String> puts, Set<String> deletes) {
        ControlStore store = catalog.store();
        String tag = script.tag();
        List<ObjectNode> bindings = catalog.view(script).metadata().bindings();
        for (var binding : bindings) {
            String bindingName = binding.path("name").asText();
            if (puts.containsKey(bindingName)) {
                throw PlatformException.invalid(10021, "Binding name '" + bindingName + "' is already used by a "
                        + binding.path("type").asText() + " binding of this script");
            }
        }
        Set<String> names = new HashSet<>(store.secrets(tag).keySet());
        names.removeAll(deletes);
        names.addAll(puts.keySet());
        BindingRules.checkVarCount(bindings, names.size());
        SecretSealer sealer = catalog.sealer();
        store.inTransaction(() -> {
            catalog.requireUnchanged(key, Optional.of(script));
            deletes.forEach(name -> store.deleteSecret(tag, name));
            puts.forEach((name, value) -> store.putSecret(tag, new SecretRecord(name, SECRET_TEXT,
                    sealer.seal(tag, name, value))));
            return null;
        });
        runtime.scriptChanged(key);
        return null;
    }

    /** Validates one secret object and adds it to {@code puts}; {@code expectedName} is the merge patch key. */
    private static String parseSecret(JsonNode body, String expectedName, Map<String, String> puts) {
        if (body == null || !body.isObject()) {
            throw PlatformException.invalid(10021, "A secret is {\"name\": ..., \"text\": ..., \"type\": \"secret_text\"}");
        }
        JsonNode nameNode = body.get("name");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.asText() : expectedName;
        if (name == null || name.isBlank()) {
            throw PlatformException.invalid(10052, "A binding is missing its name");
        }
        if (expectedName != null && !name.equals(expectedName)) {
            throw PlatformException.invalid(10021, "Secret '" + expectedName + "' carries the name '" + name + "'");
        }
        String type = body.path("type").asText(SECRET_TEXT);
        if (type.equals("secret_key")) {
            throw PlatformException.invalid(10021, "Binding type 'secret_key' is not supported yet");
        }
        if (!type.equals(SECRET_TEXT)) {
            throw PlatformException.invalid(10021, "Secret '" + name + "' must have type secret_text");
        }
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual()) {
            throw PlatformException.invalid(10021, "Secret '" + name + "' needs a 'text' string");
        }
        puts.put(name, BindingRules.limitedValue(name, text.asText()));
        return name;
    }

    private static PlatformException secretNotFound(String name) {
        return PlatformException.notFound(10056, "Secret '" + name + "' was not found");
    }
}
