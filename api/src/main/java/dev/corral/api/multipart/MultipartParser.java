package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a whole multipart/form-data body (RFC 7578) into its parts. Delimiter lines may end in CRLF or a bare LF;
 * the preamble and epilogue are ignored; part bodies are returned byte for byte. Anything it cannot read is a
 * {@link dev.corral.platform.PlatformException} with code 10026, as Cloudflare answers.
 */
public final class MultipartParser {
    private final byte[] body;
    private final byte[] dashBoundary;

    private MultipartParser(byte[] body, byte[] boundary) {
        this.body = body;
        this.dashBoundary = new byte[boundary.length + 2];
        dashBoundary[0] = '-';
        dashBoundary[1] = '-';
        System.arraycopy(boundary, 0, dashBoundary, 2, boundary.length);
    }

    /** The parts of {@code body}, in order; {@code contentType} is the request's header and may be null. */
    public static List<Part> parse(String contentType, byte[] body) {
        return new MultipartParser(body, boundary(contentType, body)).parts();
    }

    private static byte[] boundary(String contentType, byte[] body) {
        if (contentType != null) {
            String declared = HeaderValue.parse(contentType).parameter("boundary");
            if (declared != null && !declared.isEmpty()) return declared.getBytes(UTF_8);
        }
        // SDK 7.x labels its multipart uploads application/javascript without a boundary
        // (cloudflare-typescript#2799); the body's first line is then the only place the boundary is written.
        if (body.length > 2 && body[0] == '-' && body[1] == '-') {
            int lineBreak = indexOf(body, (byte) '\n', 0);
            if (lineBreak < 0) throw FormErrors.unparseable("the body's first line never ends, so it names no boundary");
            int end = lineBreak;
            while (end > 2 && isLinearWhitespaceOrCr(body[end - 1])) end--;
            if (end > 2) return Arrays.copyOfRange(body, 2, end);
        }
        String declared = contentType == null ? "no Content-Type" : "the Content-Type \"" + contentType + "\"";
        throw FormErrors.unparseable(declared + " names no multipart boundary and the body does not start with one");
    }

    private List<Part> parts() {
        int delimiter = findDelimiter(0);
        if (delimiter < 0) throw FormErrors.unparseable("the body has no boundary line " + boundaryText());
        List<Part> parts = new ArrayList<>();
        while (true) {
            int afterBoundary = delimiter + dashBoundary.length;
            if (isClosing(afterBoundary)) return parts;
            int number = parts.size() + 1;
            int cursor = lineBreakEnd(afterBoundary);
            Map<String, String> headers = new LinkedHashMap<>();
            String lastHeader = null;
            while (true) {
                int lineBreak = indexOf(body, (byte) '\n', cursor);
                if (lineBreak < 0) throw FormErrors.unparseable("the headers of part " + number + " never end");
                int lineEnd = lineBreak > cursor && body[lineBreak - 1] == '\r' ? lineBreak - 1 : lineBreak;
                String line = new String(body, cursor, lineEnd - cursor, UTF_8);
                cursor = lineBreak + 1;
                if (line.isEmpty()) break;
                if (lastHeader != null && isLinearWhitespace(line.charAt(0))) {
                    headers.merge(lastHeader, " " + line.trim(), String::concat); // an obsolete folded header line
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) throw FormErrors.unparseable("part " + number + " has a malformed header line \"" + abbreviate(line) + "\"");
                lastHeader = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.putIfAbsent(lastHeader, line.substring(colon + 1).trim());
            }
            int bodyStart = cursor;
            int next = findDelimiter(bodyStart);
            if (next < 0) throw FormErrors.unparseable("the body ends before the closing boundary " + boundaryText() + "--");
            int bodyEnd = Math.max(bodyStart, next > 1 && body[next - 2] == '\r' ? next - 2 : next - 1);
            parts.add(part(number, headers, Arrays.copyOfRange(body, bodyStart, bodyEnd)));
            delimiter = next;
        }
    }

    private static Part part(int number, Map<String, String> headers, byte[] content) {
        String disposition = headers.get("content-disposition");
        if (disposition == null) throw FormErrors.unparseable("part " + number + " has no Content-Disposition header");
        HeaderValue parsed = HeaderValue.parse(disposition);
        String name = parsed.parameter("name");
        if (name == null) throw FormErrors.unparseable("the Content-Disposition of part " + number + " has no name");
        String filename = null;
        String extended = parsed.parameter("filename*");
        if (extended != null) filename = HeaderValue.decodeExtendedValue(extended);
        if (filename == null && parsed.parameter("filename") != null) filename = unescapeFormValue(parsed.parameter("filename"));
        return new Part(unescapeFormValue(name), filename, headers.get("content-type"), content);
    }

    /**
     * Browsers, undici and the SDKs percent-encode the three characters a quoted header parameter cannot hold (the
     * WHATWG multipart/form-data encoding); nothing else is encoded, so nothing else is decoded.
     */
    private static String unescapeFormValue(String value) {
        if (value.indexOf('%') < 0) return value;
        return value.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n")
                .replace("%0d", "\r").replace("%0a", "\n");
    }

    /**
     * The index of the next delimiter at or after {@code from}: {@code --boundary} at the start of a line, followed
     * by {@code --}, or by optional blanks and a line break. A line that merely starts with the boundary is content.
     */
    private int findDelimiter(int from) {
        for (int p = from; p + dashBoundary.length <= body.length; p++) {
            if ((p == 0 || body[p - 1] == '\n') && body[p] == '-' && startsWithBoundary(p)) {
                int after = p + dashBoundary.length;
                if (isClosing(after) || lineBreakEnd(after) >= 0) return p;
            }
        }
        return -1;
    }

    private boolean startsWithBoundary(int p) {
        return Arrays.equals(body, p, p + dashBoundary.length, dashBoundary, 0, dashBoundary.length);
    }

    private boolean isClosing(int p) {
        return p + 1 < body.length && body[p] == '-' && body[p + 1] == '-';
    }

    /** The index just past the line break that ends a delimiter line at {@code p}, allowing blanks before it; or -1. */
    private int lineBreakEnd(int p) {
        while (p < body.length && isLinearWhitespace((char) body[p])) p++;
        if (p < body.length && body[p] == '\n') return p + 1;
        if (p + 1 < body.length && body[p] == '\r' && body[p + 1] == '\n') return p + 2;
        return -1;
    }

    private String boundaryText() {
        return new String(dashBoundary, UTF_8);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) return i;
        }
        return -1;
    }

    private static boolean isLinearWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isLinearWhitespaceOrCr(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "…";
    }
}
