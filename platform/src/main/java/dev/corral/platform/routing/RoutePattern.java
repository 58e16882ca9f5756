package dev.corral.platform.routing;

import dev.corral.platform.PlatformException;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Workers route pattern such as {@code https://*.example.com/images/*}, with Cloudflare's matching rules
 * (developers.cloudflare.com/workers/configuration/routing/routes/):
 * <ul>
 *   <li>An optional {@code http://} or {@code https://} limits the pattern to that scheme; without one it matches both.</li>
 *   <li>The host may begin with {@code *}, which matches zero or more of any character: {@code *example.com} matches
 *       {@code example.com}, its subdomains and also {@code myexample.com}; {@code *.example.com} matches subdomains only;
 *       a host of just {@code *} matches every host. The host is not case-sensitive.</li>
 *   <li>The path may end with {@code *} (a prefix match); otherwise it matches exactly. Without a path the pattern means
 *       the path {@code /}. The path is case-sensitive.</li>
 *   <li>No other wildcard, no query string and no port may appear.</li>
 *   <li>The request's query string takes part in matching: {@code example.com/a} does not match {@code /a?x=1}, while
 *       {@code example.com/a*} does.</li>
 * </ul>
 */
public final class RoutePattern {
    /** Invalid route pattern, as Cloudflare answers on the routes API. */
    public static final int INVALID_PATTERN = 10022;

    /**
     * Most specific first, which is the one that wins when several match: an exact host before a wildcard host, a longer
     * host before a shorter one, a longer path before a shorter one, an exact path before a prefix of the same length,
     * and a pattern naming its scheme before one that does not. Cloudflare documents only the first rule and that a longer
     * path wins ({@code www.example.com/*} beats {@code *.example.com/*}; {@code example.com/hello/*} beats
     * {@code example.com/*}); the rest follows from "most specific". Its known issue where {@code example.com/images*}
     * beats {@code example.com/images/*} for {@code /images/hello} is a bug Corral does not copy.
     */
    public static final Comparator<RoutePattern> MOST_SPECIFIC_FIRST = Comparator
            .comparing((RoutePattern p) -> p.wildcardHost)
            .thenComparing(p -> -p.host.length())
            .thenComparing(p -> -p.path.length())
            .thenComparing(p -> p.pathPrefix)
            .thenComparing(p -> p.scheme == null);

    private static final Pattern HOST_LABELS = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    private final String text;
    private final String scheme;
    private final boolean wildcardHost;
    private final String host;
    private final String path;
    private final boolean pathPrefix;

    private RoutePattern(String text, String scheme, boolean wildcardHost, String host, String path, boolean pathPrefix) {
        this.text = text;
        this.scheme = scheme;
        this.wildcardHost = wildcardHost;
        this.host = host;
        this.path = path;
        this.pathPrefix = pathPrefix;
    }

    /** @throws PlatformException 400/10022 naming the rule the pattern breaks. */
    public static RoutePattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) <= ' ' || text.charAt(i) == 0x7f) {
                throw invalid(text, "it contains whitespace or a control character");
            }
        }
        String rest = text;
        String scheme = null;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            scheme = "https";
            rest = text.substring(8);
        } else if (lower.startsWith("http://")) {
            scheme = "http";
            rest = text.substring(7);
        } else if (lower.contains("://")) {
            throw invalid(text, "only http:// and https:// may begin a pattern");
        }
        int slash = rest.indexOf('/');
        String hostPart = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        String pathPart = slash < 0 ? "/" : rest.substring(slash);

        boolean wildcardHost = hostPart.startsWith("*");
        String host = wildcardHost ? hostPart.substring(1) : hostPart;
        if (host.contains("*")) {
            throw invalid(text, "a wildcard may only begin the host");
        }
        if (host.contains(":")) {
            throw invalid(text, "it may not name a port");
        }
        String labels = wildcardHost && host.startsWith(".") ? host.substring(1) : host;
        if (!(wildcardHost && host.isEmpty()) && !HOST_LABELS.matcher(labels).matches()) {
            throw invalid(text, "'" + hostPart + "' is not a host name");
        }

        if (pathPart.contains("?") || pathPart.contains("#")) {
            throw invalid(text, "it may not contain a query string");
        }
        boolean pathPrefix = pathPart.endsWith("*");
        String path = pathPrefix ? pathPart.substring(0, pathPart.length() - 1) : pathPart;
        if (path.contains("*")) {
            throw invalid(text, "a wildcard may only end the path");
        }
        return new RoutePattern(text, scheme, wildcardHost, host, path, pathPrefix);
    }

    /**
     * @param scheme        {@code http} or {@code https}, lower case.
     * @param host          the request's host name, lower case, without port.
     * @param pathAndQuery  the request target's path and query string as received, e.g. {@code /a/b?x=1}.
     */
    public boolean matches(String scheme, String host, String pathAndQuery) {
        if (this.scheme != null && !this.scheme.equals(scheme)) {
            return false;
        }
        boolean hostMatches = wildcardHost ? host.endsWith(this.host) : host.equals(this.host);
        if (!hostMatches) {
            return false;
        }
        return pathPrefix ? pathAndQuery.startsWith(path) : pathAndQuery.equals(path);
    }

    /**
     * Whether the pattern may be a route of the zone: its host is the zone's name or a host under it, counting what a
     * leading wildcard stands for ({@code *example.com} and {@code *.example.com} belong to {@code example.com};
     * {@code *ample.com} does not). A host of just {@code *} belongs to every zone: that is the {@code *}{@code /*} route
     * Cloudflare recommends for platforms whose customers bring their own host names.
     */
    public boolean belongsTo(String zoneName) {
        if (matchesEveryHost()) {
            return true;
        }
        String zone = zoneName.toLowerCase(Locale.ROOT);
        return host.equals(zone) || host.endsWith("." + zone);
    }

    /** Whether the host is just {@code *}. */
    public boolean matchesEveryHost() {
        return wildcardHost && host.isEmpty();
    }

    /**
     * Whether the two patterns match exactly the same requests, so that a zone may hold only one of them (the host is
     * compared without regard to case, as Cloudflare does for routes created since October 2023).
     */
    public boolean sameAs(RoutePattern other) {
        return java.util.Objects.equals(scheme, other.scheme) && wildcardHost == other.wildcardHost && host.equals(other.host)
                && path.equals(other.path) && pathPrefix == other.pathPrefix;
    }

    /** The pattern as it was written. */
    @Override
    public String toString() {
        return text;
    }

    private static PlatformException invalid(String text, String why) {
        return PlatformException.invalid(INVALID_PATTERN, "Invalid route pattern '" + text + "': " + why);
    }
}
