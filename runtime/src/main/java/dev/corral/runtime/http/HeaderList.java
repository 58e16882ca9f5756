package dev.corral.runtime.http;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * An ordered list of HTTP header fields, held in the flat form that crosses the isolate boundary:
 * {@code name\nvalue\nname\nvalue}. Names are lower case, as the Workers {@code Headers} class reports them.
 * Field values can never contain a line feed (the Fetch standard forbids it), so the separator is unambiguous.
 */
public final class HeaderList {
    public static final HeaderList EMPTY = new HeaderList("");

    private final String flat;

    private HeaderList(String flat) {
        this.flat = flat;
    }

    /** Wraps a flat string produced by the JS layer, which has already validated and lower-cased the names. */
    public static HeaderList ofFlat(String flat) {
        return flat == null || flat.isEmpty() ? EMPTY : new HeaderList(flat);
    }

    public String flat() {
        return flat;
    }

    public boolean isEmpty() {
        return flat.isEmpty();
    }

    public void forEach(BiConsumer<String, String> action) {
        int start = 0;
        int length = flat.length();
        while (start < length) {
            int nameEnd = flat.indexOf('\n', start);
            int valueEnd = flat.indexOf('\n', nameEnd + 1);
            if (valueEnd < 0) valueEnd = length;
            action.accept(flat.substring(start, nameEnd), flat.substring(nameEnd + 1, valueEnd));
            start = valueEnd + 1;
        }
    }

    /** The first value of a field (name in lower case), or null. */
    public String get(String name) {
        String[] found = {null};
        forEach((n, v) -> {
            if (found[0] == null && n.equals(name)) found[0] = v;
        });
        return found[0];
    }

    /** This list with every field of that name (lower case) replaced by one with the given value. */
    public HeaderList with(String name, String value) {
        Builder builder = new Builder();
        forEach((n, v) -> {
            if (!n.equals(name)) builder.add(n, v);
        });
        return builder.add(name, value).build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        forEach(builder::add);
        return builder;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return flat.replace('\n', ' ');
    }

    /** Collects fields from a Java source (Netty, the JDK HTTP client), lower-casing names. */
    public static final class Builder {
        private final StringBuilder out = new StringBuilder(256);

        public Builder add(String name, String value) {
            if (!out.isEmpty()) out.append('\n');
            out.append(name.toLowerCase(Locale.ROOT)).append('\n').append(value);
            return this;
        }

        public HeaderList build() {
            return ofFlat(out.toString());
        }
    }
}
