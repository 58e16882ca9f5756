package dev.corral.api;

import dev.corral.platform.PlatformException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a method and a path (relative to {@code /client/v4}) to a handler. Templates are slash-separated segments,
 * literal or {@code {param}}; a parameter matches one non-empty segment and is percent-decoded once (wrangler sends
 * names unencoded, the SDK encodes them; a name containing an encoded {@code /} stays one segment).
 */
public final class Router {
    /** Handles one matched call. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiCall call) throws Exception;
    }

    /** A matched route: its handler and the decoded path parameters. */
    public record Match(Handler handler, Map<String, String> params) {}

    private record Route(String method, List<String> segments, Handler handler) {
        int literalCount() {
            return (int) segments.stream().filter(s -> !isParam(s)).count();
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * Registers {@code handler} for {@code method} on {@code template}, e.g.
     * {@code route("GET", "/accounts/{account_id}/workers/dispatch/namespaces/{dispatch_namespace}", handler)}.
     *
     * @throws IllegalArgumentException if the same method and template are already registered.
     */
    public Router route(String method, String template, Handler handler) {
        String upper = method.toUpperCase(Locale.ROOT);
        List<String> segments = split(template);
        for (Route route : routes) {
            if (route.method.equals(upper) && shape(route.segments).equals(shape(segments))) {
                throw new IllegalArgumentException(upper + " " + template + " is already routed");
            }
        }
        routes.add(new Route(upper, segments, handler));
        return this;
    }

    /**
     * @throws PlatformException 404/7003 if no template matches the path, 405/10405 if templates match but none for
     *                           this method.
     */
    public Match match(String method, String rawPath) {
        List<String> segments = split(rawPath);
        Route best = null;
        boolean pathKnown = false;
        for (Route route : routes) {
            if (!matches(route.segments, segments)) {
                continue;
            }
            pathKnown = true;
            if (route.method.equalsIgnoreCase(method) && (best == null || route.literalCount() > best.literalCount())) {
                best = route;
            }
        }
        if (best == null) {
            throw pathKnown ? new PlatformException(405, 10405, "Method not allowed")
                    : PlatformException.notFound(7003, "No route for the URI");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String template = best.segments.get(i);
            if (isParam(template)) {
                params.put(template.substring(1, template.length() - 1), percentDecode(segments.get(i)));
            }
        }
        return new Match(best.handler, Map.copyOf(params));
    }

    /** Decodes {@code %XX} escapes as UTF-8; {@code +} stays a plus (it is not a space in a path). */
    public static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean matches(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (isParam(t) ? path.get(i).isEmpty() : !t.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** The template with parameter names blanked, so two templates that match the same paths compare equal. */
    private static List<String> shape(List<String> segments) {
        return segments.stream().map(s -> isParam(s) ? "{}" : s).toList();
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }
}
