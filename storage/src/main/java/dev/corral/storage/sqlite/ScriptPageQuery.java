package dev.corral.storage.sqlite;

import dev.corral.storage.TagFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL that picks one page of a namespace's scripts, ordered by name. The tag filter is part of the WHERE clause,
 * so LIMIT counts only scripts that match and a page is full whenever enough matching scripts remain.
 */
record ScriptPageQuery(String sql, List<Object> arguments) {

    /** Whether script {@code s} carries a tag passing the test filled in for %s ({@code = ?} or {@code IN (...)}). */
    private static final String HAS_TAG = "EXISTS (SELECT 1 FROM script_tags t WHERE t.script_tag = s.tag AND t.tag %s)";

    static ScriptPageQuery of(String accountId, String namespaceId, TagFilter filter, String afterName, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<String> conditions = new ArrayList<>(List.of("s.account_id = ?", "s.namespace_id = ?"));
        List<Object> arguments = new ArrayList<>(List.of(accountId, namespaceId));
        if (afterName != null) {
            conditions.add("s.name > ?");
            arguments.add(afterName);
        }
        for (String required : filter.required()) {
            conditions.add(HAS_TAG.formatted("= ?"));
            arguments.add(required);
        }
        if (!filter.excluded().isEmpty()) {
            String placeholders = String.join(", ", Collections.nCopies(filter.excluded().size(), "?"));
            conditions.add("NOT " + HAS_TAG.formatted("IN (" + placeholders + ")"));
            arguments.addAll(filter.excluded());
        }
        arguments.add(limit);
        String sql = "SELECT * FROM scripts s WHERE " + String.join(" AND ", conditions) + " ORDER BY s.name LIMIT ?";
        return new ScriptPageQuery(sql, List.copyOf(arguments));
    }
}
