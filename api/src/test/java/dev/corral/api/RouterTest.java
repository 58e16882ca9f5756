package dev.corral.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.platform.PlatformException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Router.Handler A = call -> null;
    private static final Router.Handler B = call -> null;

    @Test
    void parametersMatchOneSegmentAndArePercentDecodedOnce() {
        Router router = new Router().route("GET", "/ns/{ns}/scripts/{script}", A);
        Router.Match match = router.match("GET", "/ns/my%20ns/scripts/a%252Fb");
        assertSame(A, match.handler());
        assertEquals(Map.of("ns", "my ns", "script", "a%2Fb"), match.params());
        assertEquals(Map.of("ns", "t", "script", "a/b"), router.match("GET", "/ns/t/scripts/a%2Fb").params());
        assertEquals("a+b", router.match("GET", "/ns/t/scripts/a+b").params().get("script"));
        assertEquals("100%", router.match("GET", "/ns/t/scripts/100%").params().get("script"));
    }

    @Test
    void anUnknownPathIs404AndAKnownPathWithAnotherMethodIs405() {
        Router router = new Router().route("GET", "/ns/{ns}", A).route("DELETE", "/ns/{ns}", B);
        PlatformException unknown = assertThrows(PlatformException.class, () -> router.match("GET", "/other"));
        assertEquals(404, unknown.status());
        assertEquals(7003, unknown.code());
        assertEquals("No route for the URI", unknown.getMessage());
        assertEquals(404, assertThrows(PlatformException.class, () -> router.match("GET", "/ns//")).status());
        assertEquals(404, assertThrows(PlatformException.class, () -> router.match("GET", "/ns/")).status());
        PlatformException method = assertThrows(PlatformException.class, () -> router.match("POST", "/ns/x"));
        assertEquals(405, method.status());
        assertEquals(10405, method.code());
        assertSame(B, router.match("delete", "/ns/x").handler());
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        Router router = new Router().route("GET", "/a/{x}", A).route("GET", "/a/special", B);
        assertSame(B, router.match("GET", "/a/special").handler());
        assertSame(A, router.match("GET", "/a/other").handler());
    }

    @Test
    void theSameMethodAndTemplateCannotBeRoutedTwice() {
        Router router = new Router().route("GET", "/a/{x}", A);
        assertThrows(IllegalArgumentException.class, () -> router.route("GET", "/a/{y}", B));
        router.route("PUT", "/a/{y}", B);
    }
}
