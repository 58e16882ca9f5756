package dev.corral.storage;

import java.util.List;

/**
 * Cloudflare's script tag filter, {@code tags=a:yes,b:no}: a script matches when it carries every {@code required}
 * tag and none of the {@code excluded} ones.
 */
public record TagFilter(List<String> required, List<String> excluded) {
    public static final TagFilter ANY = new TagFilter(List.of(), List.of());

    public TagFilter {
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
    }

    public boolean matches(List<String> tags) {
        return tags.containsAll(required) && excluded.stream().noneMatch(tags::contains);
    }
}
