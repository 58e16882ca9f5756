package dev.corral.server.platform;

import static dev.corral.server.platform.TestWorkers.metadata;
import static dev.corral.server.platform.TestWorkers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads the API must refuse, each with Cloudflare's status and code, and none of which may disturb the version that
 * was serving: after every refusal the tenant still answers as before and the API still shows the same script.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadUploadTest {
    private static final String NAMESPACE = "tenants";
    private static final String STEADY = "steady";
    private static final String GOOD_SOURCE = "export default { fetch() { return new Response('never deployed'); } };\n";

    private PlatformNode platform;
    private CloudflareApi api;
    private JsonNode deployed;

    @BeforeAll
    void deployTheSteadyTenant() throws Exception {
        platform = PlatformNode.start("--allow-private-egress");
        api = platform.api();
        api.createNamespace(NAMESPACE);
        platform.deployDispatcher(TestWorkers.dispatchNamespace("DISPATCHER", NAMESPACE));
        platform.deployTenant(NAMESPACE, STEADY, "hello.js", metadata("hello.js", "[" + text("TENANT", "steady-v1") + "]", ""))
                .requireSuccess();
        deployed = api.get(api.userWorker(NAMESPACE, STEADY)).requireSuccess().result();
    }

    @AfterAll
    void stop() {
        if (platform != null) platform.close();
    }

    /** Asserts the refusal, then that the steady tenant serves and reads as it did before. */
    private ApiAnswer assertRefusedAndNothingChanged(ApiAnswer answer, int status, int code) throws Exception {
        assertEquals(status, answer.status(), answer.toString());
        assertFalse(answer.success(), answer.toString());
        assertEquals(code, answer.errorCode(), answer.toString());
        HttpResponse<String> served = platform.get(STEADY, "/");
        assertEquals(200, served.statusCode(), served.body());
        assertEquals("steady-v1", CloudflareApi.JSON.readTree(served.body()).path("tenant").asText());
        assertEquals(deployed, api.get(api.userWorker(NAMESPACE, STEADY)).requireSuccess().result());
        return answer;
    }

    private ApiAnswer upload(String metadata, List<WranglerForm.Module> modules) {
        return api.uploadUserWorker(NAMESPACE, STEADY, metadata, modules);
    }

    private static List<WranglerForm.Module> index(String source) {
        return List.of(WranglerForm.Module.esm("index.js", source));
    }

    @Test
    void aMultipartBodyThatEndsBeforeItsClosingBoundaryIs10026() throws Exception {
        String truncated = "--cut\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"main_module\":\"index.js\"}\r\n"
                + "--cut\r\nContent-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\n"
                + "Content-Type: application/javascript+module\r\n\r\n" + GOOD_SOURCE;
        assertRefusedAndNothingChanged(api.send("PUT", api.userWorker(NAMESPACE, STEADY), "multipart/form-data; boundary=cut",
                truncated.getBytes(StandardCharsets.UTF_8)), 400, 10026);
    }

    @Test
    void metadataThatIsNotJsonIs10021SayingWhereItBroke() throws Exception {
        ApiAnswer answer = assertRefusedAndNothingChanged(upload("{\"main_module\": \"index.js\",, }", index(GOOD_SOURCE)), 400, 10021);
        assertTrue(answer.errorMessage().matches("(?s).*line 1, column \\d+.*"), answer.errorMessage());
    }

    @Test
    void aSyntaxErrorIs10021NamingTheErrorAndItsLineAndColumn() throws Exception {
        String broken = "export default {\n  fetch() {\n    return new Response('broken' +);\n  },\n};\n";
        ApiAnswer answer = assertRefusedAndNothingChanged(upload(metadata("index.js"), index(broken)), 400, 10021);
        assertTrue(answer.errorMessage().contains("SyntaxError"), answer.errorMessage());
        assertTrue(answer.errorMessage().matches("(?s).*index\\.js:3:\\d+.*"), answer.errorMessage());
    }

    @Test
    void aMainModuleThatWasNotUploadedIs10021() throws Exception {
        ApiAnswer answer = assertRefusedAndNothingChanged(upload(metadata("absent.js"), index(GOOD_SOURCE)), 400, 10021);
        assertTrue(answer.errorMessage().contains("absent.js"), answer.errorMessage());
    }

    @Test
    void anUnknownBindingTypeIs10021() throws Exception {
        ApiAnswer answer = assertRefusedAndNothingChanged(upload(
                metadata("index.js", "[{\"type\":\"teleporter\",\"name\":\"BEAM\"}]", ""), index(GOOD_SOURCE)), 400, 10021);
        assertTrue(answer.errorMessage().contains("teleporter"), answer.errorMessage());
    }

    @Test
    void aScriptOverTheDefault10MiBIs10027() throws Exception {
        StringBuilder big = new StringBuilder(GOOD_SOURCE).append("// ");
        big.append("x".repeat((10 << 20) + 1024 - big.length())).append('\n');
        assertRefusedAndNothingChanged(upload(metadata("index.js"), index(big.toString())), 400, 10027);
    }

    @ParameterizedTest(name = "script name \"{0}\"")
    @ValueSource(strings = {"a%2Fb", "..", "Steady", "STEADY", "dot.ted", "has%20space", "%C3%BCmlaut", "semi%3Bcolon", "-leading-dash",
            "sixty-four-characters-long-is-one-more-than-cloudflare-allows-xx"})
    void anInvalidScriptNameIs10016(String encodedName) throws Exception {
        ApiAnswer answer = api.upload(api.namespaces() + "/" + NAMESPACE + "/scripts/" + encodedName, metadata("index.js"), index(GOOD_SOURCE));
        assertRefusedAndNothingChanged(answer, 400, 10016);
    }

    @Test
    void aWrongTokenIs401() throws Exception {
        CloudflareApi stranger = api.as("not-the-token", api.accountId());
        assertRefusedAndNothingChanged(stranger.uploadUserWorker(NAMESPACE, STEADY, metadata("index.js"), index(GOOD_SOURCE)), 401, 10000);
    }

    @Test
    void theRightTokenNamingAnotherAccountIs403() throws Exception {
        CloudflareApi elsewhere = api.as(platform.node().apiToken(), "0123456789abcdef0123456789abcdef");
        assertRefusedAndNothingChanged(elsewhere.uploadUserWorker(NAMESPACE, STEADY, metadata("index.js"), index(GOOD_SOURCE)), 403, 9109);
    }
}
