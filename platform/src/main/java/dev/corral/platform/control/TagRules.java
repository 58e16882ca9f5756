package dev.corral.platform.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.platform.PlatformException;
import dev.corral.storage.TagFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Cloudflare's rules for script tags and the {@code tags=a:yes,b:no} filter. */
public final class TagRules {
    static final int MAX_TAGS = 8;
    private static final int MAX_TAG_LENGTH = 256;

    private TagRules() {}

    /**
     * The strings of a JSON array of tags as sent.
     *
     * @throws PlatformException 400/10021 with {@code error} if it is not an array of strings.
     */
    public static List<String> strings(JsonNode array, String error) {
        if (!array.isArray()) {
            throw PlatformException.invalid(10021, error);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw PlatformException.invalid(10021, error);
            }
            values.add(item.asText());
        }
        return values;
    }

    /** The tags without duplicates, in order. @throws PlatformException 400/10021 if a tag or their number is invalid. */
    public static List<String> validate(List<String> tags) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            unique.add(validateOne(tag));
        }
        if (unique.size() > MAX_TAGS) {
            throw PlatformException.invalid(10021, "A script can have at most " + MAX_TAGS + " tags, not " + unique.size());
        }
        return List.copyOf(unique);
    }

    public static String validateOne(String tag) {
        // ',' and '&' would break the tags filter of the list and bulk delete endpoints.
        if (tag == null || tag.isBlank() || tag.length() > MAX_TAG_LENGTH || tag.contains(",") || tag.contains("&")) {
            throw PlatformException.invalid(10021, "Invalid tag '" + tag + "': tags are 1 to " + MAX_TAG_LENGTH
                    + " characters without ',' or '&'");
        }
        return tag;
    }

    /**
     * Parses {@code tag:yes,other:no}; a tag without {@code :yes} or {@code :no} is required. Null or blank means any.
     *
     * @throws PlatformException 400/10021 for a qualifier other than yes or no.
     */
    public static TagFilter parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return TagFilter.ANY;
        }
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String term : filter.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            int colon = term.lastIndexOf(':');
            String qualifier = colon < 0 ? "yes" : term.substring(colon + 1);
            String tag = colon < 0 ? term : term.substring(0, colon);
            switch (qualifier) {
                case "yes" -> required.add(tag);
                case "no" -> excluded.add(tag);
                default -> throw PlatformException.invalid(10021, "Invalid tag filter '" + term + "': use tag:yes or tag:no");
            }
        }
        return new TagFilter(required, excluded);
    }
}
