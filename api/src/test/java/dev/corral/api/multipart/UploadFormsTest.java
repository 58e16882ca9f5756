package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptUpload;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadFormsTest {
    private static final String BOUNDARY = "----formdata-undici-078012864794";

    /** Builds a body from raw part heads and contents, CRLF-framed as undici does. */
    private static byte[] body(String boundary, String lineEnd, Object... headsAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < headsAndContents.length; i += 2) {
            out.writeBytes(("--" + boundary + lineEnd + headsAndContents[i] + lineEnd + lineEnd).getBytes(UTF_8));
            Object content = headsAndContents[i + 1];
            out.writeBytes(content instanceof byte[] bytes ? bytes : content.toString().getBytes(UTF_8));
            out.writeBytes(lineEnd.getBytes(UTF_8));
        }
        out.writeBytes(("--" + boundary + "--" + lineEnd).getBytes(UTF_8));
        return out.toByteArray();
    }

    @Test
    void wranglersFramingNamesModulesByPartAndKeepsBinaryBytes() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0, (byte) 0xff, '\r', '\n', '-', '-'};
        byte[] upload = body(BOUNDARY, "\r\n",
                "Content-Disposition: form-data; name=\"metadata\"", "{\"main_module\":\"index.js\",\"bindings\":[]}",
                "Content-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\nContent-Type: application/javascript+module",
                "export default {}",
                "Content-Disposition: form-data; name=\"./339bb5-add.wasm\"; filename=\"./339bb5-add.wasm\"\r\nContent-Type: application/wasm",
                wasm);
        ScriptUpload parsed = UploadForms.scriptUpload("multipart/form-data; boundary=" + BOUNDARY, upload, Map.of());
        assertEquals("index.js", parsed.metadata().get("main_module").asText());
        assertEquals(2, parsed.modules().size());
        assertEquals("application/javascript+module", parsed.modules().get(0).contentType());
        assertEquals("./339bb5-add.wasm", parsed.modules().get(1).name());
        assertArrayEquals(wasm, parsed.modules().get(1).content());
    }

    @Test
    void sdkSixFramingTakesModuleNamesFromFilenames() {
        byte[] upload = body("form-data-boundary-x1", "\r\n",
                "Content-Disposition: form-data; name=\"metadata\"; filename=\"metadata\"\r\nContent-Type: application/json",
                "{\"main_module\":\"worker.js\"}",
                "Content-Disposition: form-data; name=\"files\"; filename=\"worker.js\"\r\nContent-Type: application/javascript+module",
                "import h from './helper.js'; export default {}",
                "Content-Disposition: form-data; name=\"files\"; filename=\"helper.js\"\r\nContent-Type: application/javascript+module",
                "export default 1");
        ScriptUpload parsed = UploadForms.scriptUpload("multipart/form-data; boundary=\"form-data-boundary-x1\"", upload, Map.of());
        assertEquals("worker.js", parsed.modules().get(0).name());
        assertEquals("helper.js", parsed.modules().get(1).name());
    }

    @Test
    void sdkSevenBracketFieldsWithoutABoundaryAreRebuiltIntoMetadata() {
        byte[] upload = body("sdk7", "\r\n",
                "Content-Disposition: form-data; name=\"metadata[main_module]\"", "worker.js",
                "Content-Disposition: form-data; name=\"metadata[bindings][][type]\"", "plain_text",
                "Content-Disposition: form-data; name=\"metadata[bindings][][name]\"", "GREETING",
                "Content-Disposition: form-data; name=\"metadata[bindings][][text]\"", "hello",
                "Content-Disposition: form-data; name=\"metadata[bindings][][type]\"", "json",
                "Content-Disposition: form-data; name=\"metadata[bindings][][name]\"", "CONFIG",
                "Content-Disposition: form-data; name=\"metadata[limits][cpu_ms]\"", "50",
                "Content-Disposition: form-data; name=\"files[]\"; filename=\"worker.js\"\r\nContent-Type: application/javascript+module",
                "export default {}");
        ScriptUpload parsed = UploadForms.scriptUpload("application/javascript", upload, Map.of());
        assertEquals("worker.js", parsed.metadata().get("main_module").asText());
        assertEquals(2, parsed.metadata().get("bindings").size());
        assertEquals("CONFIG", parsed.metadata().get("bindings").get(1).get("name").asText());
        assertEquals(50, parsed.metadata().get("limits").get("cpu_ms").asInt());
        assertTrue(parsed.metadata().get("limits").get("cpu_ms").isNumber());
        assertEquals("worker.js", parsed.modules().get(0).name());
    }

    @Test
    void bareLineFeedsAreAccepted() {
        byte[] upload = body("b", "\n",
                "Content-Disposition: form-data; name=\"metadata\"", "{\"body_part\":\"sw.js\"}",
                "Content-Disposition: form-data; name=\"sw.js\"; filename=\"sw.js\"", "addEventListener('fetch', () => {})");
        ScriptUpload parsed = UploadForms.scriptUpload("multipart/form-data; boundary=b", upload, Map.of());
        assertEquals("addEventListener('fetch', () => {})", new String(parsed.modules().get(0).content(), UTF_8));
    }

    @Test
    void theMainModuleHeaderStandsInForMissingMetadata() {
        byte[] upload = body("b", "\r\n", "Content-Disposition: form-data; name=\"main.js\"; filename=\"main.js\"", "export default {}");
        ScriptUpload parsed = UploadForms.scriptUpload("multipart/form-data; boundary=b", upload, Map.of("cf-worker-main-module-part", "main.js"));
        assertEquals("main.js", parsed.metadata().get("main_module").asText());
    }

    @Test
    void aBodyWithoutClosingBoundaryIsRefusedWith10026() {
        byte[] upload = "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}".getBytes(UTF_8);
        PlatformException e = assertThrows(PlatformException.class, () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", upload, Map.of()));
        assertEquals(10026, e.code());
        assertEquals(400, e.status());
    }

    @Test
    void badMetadataJsonIsRefusedWith10021AndItsPosition() {
        byte[] upload = body("b", "\r\n", "Content-Disposition: form-data; name=\"metadata\"", "{\"main_module\": }");
        PlatformException e = assertThrows(PlatformException.class, () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", upload, Map.of()));
        assertEquals(10021, e.code());
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    }

    @Test
    void anUploadWithoutMetadataIsRefusedWith10021() {
        byte[] upload = body("b", "\r\n", "Content-Disposition: form-data; name=\"index.js\"", "export default {}");
        PlatformException e = assertThrows(PlatformException.class, () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", upload, Map.of()));
        assertEquals(10021, e.code());
    }

    @Test
    void settingsArriveAsAPartAsBracketFieldsOrAsJson() {
        byte[] sdk6 = body("b", "\r\n", "Content-Disposition: form-data; name=\"settings\"; filename=\"settings\"\r\nContent-Type: application/json",
                "{\"logpush\":false,\"tags\":[\"a\"]}");
        assertEquals("a", UploadForms.settingsPatch("multipart/form-data; boundary=b", sdk6).get("tags").get(0).asText());
        byte[] sdk7 = body("b", "\r\n", "Content-Disposition: form-data; name=\"settings[logpush]\"", "true",
                "Content-Disposition: form-data; name=\"settings[compatibility_date]\"", "2025-02-01");
        var rebuilt = UploadForms.settingsPatch("multipart/form-data; boundary=b", sdk7);
        assertTrue(rebuilt.get("logpush").asBoolean());
        assertEquals("2025-02-01", rebuilt.get("compatibility_date").asText());
        assertEquals(7, UploadForms.settingsPatch("application/json", "{\"limits\":{\"cpu_ms\":7}}".getBytes(UTF_8))
                .get("limits").get("cpu_ms").asInt());
    }
}
