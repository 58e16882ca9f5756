package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the object that SDK 7.x flattened into bracket-named form fields ({@code metadata[bindings][][type]}),
 * with Rails' rules: {@code []} appends, and under {@code [][key]} a new array element starts when the current one
 * already holds {@code key}. Every leaf comes back a string, as the fields carry no types.
 */
final class BracketFields {
    private BracketFields() {}

    /** Whether {@code fieldName} is a bracket path under {@code root}, such as {@code metadata[main_module]}. */
    static boolean isUnder(String root, String fieldName) {
        return fieldName.length() > root.length() && fieldName.startsWith(root) && fieldName.charAt(root.length()) == '[';
    }

    /** The object the {@code fields} (all {@link #isUnder under} {@code root}) describe, in arrival order. */
    static ObjectNode rebuild(String root, List<Part> fields) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Part field : fields) {
            insert(object, keys(root, field.name()), 0, new String(field.bytes(), UTF_8), field.name());
        }
        return object;
    }

    private static List<String> keys(String root, String fieldName) {
        List<String> keys = new ArrayList<>();
        int i = root.length();
        while (i < fieldName.length()) {
            int close = fieldName.indexOf(']', i);
            if (fieldName.charAt(i) != '[' || close < 0 || fieldName.lastIndexOf('[', close) != i) {
                throw FormErrors.unparseable("the form field name \"" + fieldName + "\" is not a bracket path");
            }
            keys.add(fieldName.substring(i + 1, close));
            i = close + 1;
        }
        if (keys.get(0).isEmpty()) {
            throw FormErrors.unparseable("the form field \"" + fieldName + "\" makes " + root + " an array, not an object");
        }
        return keys;
    }

    private static void insert(ObjectNode object, List<String> keys, int i, String value, String fieldName) {
        String key = keys.get(i);
        JsonNode existing = object.get(key);
        if (i == keys.size() - 1) {
            if (existing != null && existing.isContainerNode()) throw conflict(fieldName);
            object.put(key, value); // a repeated scalar key overwrites, as in Rails
        } else if (keys.get(i + 1).isEmpty()) {
            if (existing != null && !existing.isArray()) throw conflict(fieldName);
            ArrayNode array = existing == null ? object.putArray(key) : (ArrayNode) existing;
            append(array, keys, i + 2, value, fieldName);
        } else {
            if (existing != null && !existing.isObject()) throw conflict(fieldName);
            ObjectNode child = existing == null ? object.putObject(key) : (ObjectNode) existing;
            insert(child, keys, i + 1, value, fieldName);
        }
    }

    private static void append(ArrayNode array, List<String> keys, int i, String value, String fieldName) {
        if (i == keys.size()) {
            array.add(value);
            return;
        }
        JsonNode last = array.isEmpty() ? null : array.get(array.size() - 1);
        if (keys.get(i).isEmpty()) {
            // An array of arrays is ambiguous in this encoding; like Rails, keep filling the last inner array.
            append(last instanceof ArrayNode inner ? inner : array.addArray(), keys, i + 1, value, fieldName);
            return;
        }
        boolean continuesLast = last instanceof ObjectNode element && !holds(element, keys, i);
        insert(continuesLast ? (ObjectNode) last : array.addObject(), keys, i, value, fieldName);
    }

    /**
     * Whether {@code element} already has a value at the path {@code keys[i..]}. A path through another {@code []}
     * never counts as held, since it appends rather than repeats — so {@code [usages][]} stays in one element.
     */
    private static boolean holds(ObjectNode element, List<String> keys, int i) {
        JsonNode node = element;
        for (int j = i; j < keys.size(); j++) {
            if (keys.get(j).isEmpty() || !(node instanceof ObjectNode object)) return false;
            node = object.get(keys.get(j));
            if (node == null) return false;
        }
        return true;
    }

    private static RuntimeException conflict(String fieldName) {
        return FormErrors.unparseable("the form field \"" + fieldName + "\" conflicts with the shape of an earlier one");
    }
}
