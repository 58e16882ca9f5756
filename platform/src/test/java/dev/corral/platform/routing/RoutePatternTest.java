package dev.corral.platform.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from developers.cloudflare.com/workers/configuration/routing/routes/ and its known issues page. */
class RoutePatternTest {

    private static boolean matches(String pattern, String url) {
        String scheme = url.substring(0, url.indexOf("://"));
        String rest = url.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String target = slash < 0 ? "/" : rest.substring(slash);
        return RoutePattern.parse(pattern).matches(scheme, host, target);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            // "https://*.example.com/images/*": HTTPS requests to a subhost of example.com whose path starts with /images/
            "https://*.example.com/images/*, https://www.example.com/images/cat.png, true",
            "https://*.example.com/images/*, http://www.example.com/images/cat.png, false",
            "https://*.example.com/images/*, https://example.com/images/cat.png, false",
            "https://*.example.com/images/*, https://www.example.com/css/site.css, false",
            // "*example.com/*" matches every request to example.com and its subdomains, and also myexample.com
            "*example.com/*, https://example.com/, true",
            "*example.com/*, https://www.example.com/path, true",
            "*example.com/*, https://myexample.com/, true",
            // The docs' table says not-example.com does not match, which contradicts their own rule that * matches
            // "zero or more of any character" (myexample.com does match); Corral follows the rule.
            "*example.com/*, https://not-example.com/, true",
            "*example.com/*, https://example.org/, false",
            // "*.example.com/*" matches subdomains only
            "*.example.com/*, https://example.com/, false",
            "*.example.com/*, https://www.example.com/path, true",
            "*.example.com/*, https://myexample.com/, false",
            "*.example.com/*, https://not-example.com/, false",
            // A pattern without scheme matches both; with one, only that one
            "*.example.com/, https://www.example.com/, true",
            "*.example.com/, http://www.example.com/, true",
            "https://*.example.com/, http://www.example.com/, false",
            // A pattern without path means the path /, exactly
            "example.com, http://example.com/, true",
            "example.com, https://example.com/, true",
            "example.com, https://example.com/other, false",
            "example.com, https://www.example.com/, false",
            // A path ending with * matches every suffix
            "https://example.com/path*, https://example.com/path, true",
            "https://example.com/path*, https://example.com/path2, true",
            "https://example.com/path*, https://example.com/path/readme.txt, true",
            "https://example.com/path*, https://example.com/pat, false",
            // The query string takes part: only a trailing * lets a pattern match a URL with one
            "*example.com/images/cat.png, https://example.com/images/cat.png, true",
            "*example.com/images/cat.png, https://example.com/images/cat.png?foo=bar, false",
            "*example.com/images/*, https://example.com/images/cat.png?foo=bar, true",
            // The path is case-sensitive, the host is not
            "example.com/images/*, https://example.com/Images/a.png, false",
            "Example.com/images/*, https://example.com/images/a.png, true",
            // */* matches everything
            "*/*, https://anything.test/any/path?q=1, true",
            "*/*, http://localhost/, true",
    })
    void followsCloudflaresMatchingRules(String pattern, String url, boolean expected) {
        assertEquals(expected, matches(pattern, url));
    }

    @ParameterizedTest(name = "{0} is invalid")
    @ValueSource(strings = {
            "example.com/*.jpg",        // infix wildcard in the path
            "example.com/?foo=*",       // query parameters
            "https://example.com/?anything",
            "example.com/a#frag",
            "www.*.example.com/*",      // wildcard inside the host
            "example.*/*",
            "**.example.com/*",
            "example.com:8080/*",       // port
            "ftp://example.com/*",      // scheme other than http(s)
            "example..com/*",
            ".example.com/*",
            "*./*",
            "exa mple.com/*",
            "",
    })
    void rejectsPatternsCloudflareDoesNotAllow(String pattern) {
        PlatformException e = assertThrows(PlatformException.class, () -> RoutePattern.parse(pattern));
        assertEquals(400, e.status());
        assertEquals(10022, e.code());
        assertTrue(e.getMessage().startsWith("Invalid route pattern '" + pattern + "': "), e.getMessage());
    }

    @Test
    void aPatternBelongsToItsZoneAndTheZonesSubdomains() {
        assertTrue(RoutePattern.parse("example.com/*").belongsTo("example.com"));
        assertTrue(RoutePattern.parse("https://shop.example.com/cart").belongsTo("example.com"));
        assertTrue(RoutePattern.parse("*example.com/*").belongsTo("example.com"));
        assertTrue(RoutePattern.parse("*.example.com/*").belongsTo("Example.COM"));
        assertTrue(RoutePattern.parse("*/*").belongsTo("example.com"));
        assertFalse(RoutePattern.parse("example.org/*").belongsTo("example.com"));
        assertFalse(RoutePattern.parse("myexample.com/*").belongsTo("example.com"));
        assertFalse(RoutePattern.parse("*ample.com/*").belongsTo("example.com"));
        assertFalse(RoutePattern.parse("*.com/*").belongsTo("example.com"));
    }

    @Test
    void theMostSpecificPatternSortsFirst() {
        List<String> expected = List.of(
                "https://www.example.com/hello/world",
                "www.example.com/hello/world",
                "www.example.com/hello/*",
                "www.example.com/*",
                "*.example.com/hello/*",
                "*.example.com/*",
                "*example.com/*",
                "*/api/*",
                "*/*");
        List<RoutePattern> shuffled = new ArrayList<>(expected.stream().map(RoutePattern::parse).toList());
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(RoutePattern.MOST_SPECIFIC_FIRST);
        assertEquals(expected, shuffled.stream().map(RoutePattern::toString).toList());
    }

    @Test
    void patternsDifferingOnlyInHostCaseAreTheSameRoute() {
        assertTrue(RoutePattern.parse("example.com/*").sameAs(RoutePattern.parse("Example.com/*")));
        assertFalse(RoutePattern.parse("example.com/Images/*").sameAs(RoutePattern.parse("example.com/images/*")));
        assertFalse(RoutePattern.parse("https://example.com/*").sameAs(RoutePattern.parse("example.com/*")));
        assertFalse(RoutePattern.parse("example.com/a").sameAs(RoutePattern.parse("example.com/a*")));
    }

    @Test
    void aPatternKeepsItsSpellingForTheApi() {
        assertEquals("HTTPS://Shop.Example.com/Cart*", RoutePattern.parse("HTTPS://Shop.Example.com/Cart*").toString());
    }
}
