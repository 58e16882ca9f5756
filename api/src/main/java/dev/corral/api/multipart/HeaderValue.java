package dev.corral.api.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value shaped {@code type; key=token; key="quoted string"}, as Content-Type and Content-Disposition are.
 * Parameter names are case-insensitive; when one repeats, the first wins.
 */
record HeaderValue(String type, Map<String, String> parameters) {

    static HeaderValue parse(String raw) {
        int end = raw.length();
        int semicolon = raw.indexOf(';');
        int typeEnd = semicolon < 0 ? end : semicolon;
        String type = raw.substring(0, typeEnd).trim().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = typeEnd;
        while (i < end) {
            i++; // past ';'
            int keyEnd = i;
            while (keyEnd < end && raw.charAt(keyEnd) != '=' && raw.charAt(keyEnd) != ';') keyEnd++;
            String key = raw.substring(i, keyEnd).trim().toLowerCase(Locale.ROOT);
            if (keyEnd == end || raw.charAt(keyEnd) == ';') {
                i = keyEnd; // a bare word without a value says nothing we use
                continue;
            }
            int v = keyEnd + 1;
            while (v < end && isWhitespace(raw.charAt(v))) v++;
            String value;
            if (v < end && raw.charAt(v) == '"') {
                StringBuilder quoted = new StringBuilder();
                v++;
                while (v < end && raw.charAt(v) != '"') {
                    char c = raw.charAt(v);
                    // Only \" and \\ are unescaped: a lone backslash is far more likely a literal one than a
                    // quoted-pair, and module names must survive as sent.
                    if (c == '\\' && v + 1 < end && (raw.charAt(v + 1) == '"' || raw.charAt(v + 1) == '\\')) {
                        quoted.append(raw.charAt(v + 1));
                        v += 2;
                    } else {
                        quoted.append(c);
                        v++;
                    }
                }
                value = quoted.toString();
                int next = raw.indexOf(';', v);
                i = next < 0 ? end : next;
            } else {
                int next = raw.indexOf(';', v);
                i = next < 0 ? end : next;
                value = raw.substring(v, i).trim();
            }
            if (!key.isEmpty()) parameters.putIfAbsent(key, value);
        }
        return new HeaderValue(type, Map.copyOf(parameters));
    }

    /** The parameter's value, or null; {@code name} is lower-case. */
    String parameter(String name) {
        return parameters.get(name);
    }

    /**
     * Decodes an RFC 8187 extended value such as {@code UTF-8''%E2%82%AC%20rates.js}, or returns null when it is not
     * one.
     */
    static String decodeExtendedValue(String raw) {
        int firstQuote = raw.indexOf('\'');
        int secondQuote = firstQuote < 0 ? -1 : raw.indexOf('\'', firstQuote + 1);
        if (secondQuote < 0) return null;
        Charset charset;
        try {
            charset = Charset.forName(raw.substring(0, firstQuote).trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        String encoded = raw.substring(secondQuote + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) return null;
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) return null;
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(charset);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
