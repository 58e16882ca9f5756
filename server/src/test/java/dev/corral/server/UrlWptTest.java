package dev.corral.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The WHATWG URL web-platform-tests vectors from shared/wpt/url, run inside an isolate on a real node: the vectors
 * are POSTed to a worker that checks them against the global URL and URLSearchParams, as the wpt harness does.
 *
 * <p>Nine vectors cannot pass together with the rest, and are named here with why; any other failure fails the test.
 * <ul>
 *   <li>The copies mix two revisions of the opaque-path rule. urltestdata.json and the hash-setter cases expect
 *   trailing spaces before {@code ?} or {@code #} to be stripped (the old rule); the search-setter cases expect the
 *   same spaces kept as {@code %20} (the current rule, whatwg/url PR 844), for inputs of the same shape. The parser
 *   follows the current rule, so the six old-rule vectors fail.</li>
 *   <li>{@code 1.ي} comes from wpt PR 37993, still open on whatwg/url issue 543; UTS 46 and RFC 5893 rule B1 reject
 *   the domain, as ICU, tr46 and whatwg-url do.</li>
 * </ul>
 */
class UrlWptTest {
    private static final Set<String> CONTRADICTORY_OR_UNADOPTED = Set.of(
            "urltestdata non-special:opaque  ?hi",
            "urltestdata non-special:opaque  #hi",
            "setters <data:space" + " ".repeat(130) + "#fragment>.hash = ''",
            "setters <sc:space    #fragment>.hash = ''",
            "setters <data:space  ?query#fragment>.hash = ''",
            "setters <sc:space  ?query#fragment>.hash = ''",
            "toascii https://1.\u064a/x",
            "toascii <https://x/x>.host = '1.\u064a'",
            "toascii <https://x/x>.hostname = '1.\u064a'");

    @Test
    void everyUrlVectorPasses() throws Exception {
        Path vectors = Path.of(System.getProperty("corral.shared", "../../shared")).resolve("wpt/url");
        ObjectNode body = CorralNode.JSON.createObjectNode();
        body.set("urltestdata", CorralNode.JSON.readTree(vectors.resolve("urltestdata.json").toFile()));
        body.set("setters", CorralNode.JSON.readTree(vectors.resolve("setters_tests.json").toFile()));
        body.set("toascii", CorralNode.JSON.readTree(vectors.resolve("toascii.json").toFile()));
        body.set("urlencoded", CorralNode.JSON.readTree(vectors.resolve("urlencoded-parser-data.json").toFile()));
        body.set("percentEncoding", CorralNode.JSON.readTree(vectors.resolve("percent-encoding.json").toFile()));

        try (CorralNode node = CorralNode.start("--worker", "wpt=" + CorralNode.worker("wpt-url.js"))) {
            HttpResponse<String> response = node.send(node.request("wpt", "/")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(CorralNode.JSON.writeValueAsBytes(body))).build());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode report = CorralNode.JSON.readTree(response.body());
            System.out.println("WPT URL vectors: " + report.get("passed") + " passed, " + report.get("failed") + " failed; per file: " + report.get("files"));
            assertTrue(report.get("passed").asInt() > 1300, "too few vectors ran: " + report.get("passed"));
            Set<String> unexpected = new TreeSet<>();
            for (JsonNode failure : report.get("failures")) {
                String key = failure.get("file").asText() + " " + failure.get("input").asText();
                if (!CONTRADICTORY_OR_UNADOPTED.contains(key)) unexpected.add(key + " -> " + failure);
            }
            assertEquals(Set.of(), unexpected, "vectors that fail and should pass");
            assertTrue(report.get("failed").asInt() <= CONTRADICTORY_OR_UNADOPTED.size(), "failures: " + report.get("failed"));
        }
    }
}
