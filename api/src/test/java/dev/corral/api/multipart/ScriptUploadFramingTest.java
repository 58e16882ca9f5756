package dev.corral.api.multipart;

import static dev.corral.api.multipart.Bodies.crlf;
import static dev.corral.api.multipart.Bodies.join;
import static dev.corral.api.multipart.Bodies.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The script upload as wrangler, SDK 5.x/6.x and SDK 7.x frame it (wire reference §4.1). */
class ScriptUploadFramingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wranglersUploadYieldsItsMetadataAndModulesNamedAsSent() throws Exception {
        byte[] body = crlf("""
                ------formdata-undici-078012864794
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js","bindings":[{"name":"GREETING","type":"plain_text","text":"hello"}],"compatibility_date":"2025-01-01","compatibility_flags":["nodejs_compat"],"logpush":true,"limits":{"cpu_ms":50}}
                ------formdata-undici-078012864794
                Content-Disposition: form-data; name="index.js"; filename="index.js"
                Content-Type: application/javascript+module

                import banner from "./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt";
                export default { fetch() { return new Response(banner); } };
                ------formdata-undici-078012864794
                Content-Disposition: form-data; name="./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt"; filename="./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt"
                Content-Type: text/plain

                hello-from-text-module
                ------formdata-undici-078012864794--
                """);
        ScriptUpload upload = UploadForms.scriptUpload(
                "multipart/form-data; boundary=----formdata-undici-078012864794", body, Map.of());

        assertEquals(JSON.readTree("""
                {"main_module":"index.js","bindings":[{"name":"GREETING","type":"plain_text","text":"hello"}],
                 "compatibility_date":"2025-01-01","compatibility_flags":["nodejs_compat"],"logpush":true,"limits":{"cpu_ms":50}}
                """), upload.metadata());
        assertEquals(List.of("index.js", "./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt"),
                upload.modules().stream().map(UploadedModule::name).toList());
        assertEquals(List.of("application/javascript+module", "text/plain"),
                upload.modules().stream().map(UploadedModule::contentType).toList());
        assertEquals("hello-from-text-module", text(upload.modules().get(1).content()));
        assertTrue(text(upload.modules().get(0).content()).endsWith("new Response(banner); } };"));
    }

    @Test
    void wranglersUnbundledUploadKeepsRelativeModulePaths() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"}
                --b
                Content-Disposition: form-data; name="index.js"; filename="index.js"
                Content-Type: application/javascript+module

                import { util } from "./lib/util.js";
                --b
                Content-Disposition: form-data; name="lib/util.js"; filename="lib/util.js"
                Content-Type: application/javascript+module

                export const util = 1;
                --b
                Content-Disposition: form-data; name="data.json"; filename="data.json"
                Content-Type: application/octet-stream

                {"a":1}
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of());
        assertEquals(List.of("index.js", "lib/util.js", "data.json"),
                upload.modules().stream().map(UploadedModule::name).toList());
    }

    @Test
    void sdkFiveAndSixUploadsTakeModuleNamesFromTheFilenames() {
        byte[] body = crlf("""
                --form-data-boundary-w8x1uk5dlzbrv0e5
                Content-Disposition: form-data; name="metadata"; filename="metadata"
                Content-Type: application/json

                {"main_module":"worker.js","compatibility_date":"2025-01-01","tags":["customer-sdk"]}
                --form-data-boundary-w8x1uk5dlzbrv0e5
                Content-Disposition: form-data; name="files"; filename="worker.js"
                Content-Type: application/javascript+module

                import { greet } from "./helper.js";
                export default { fetch() { return new Response(greet()); } };
                --form-data-boundary-w8x1uk5dlzbrv0e5
                Content-Disposition: form-data; name="files"; filename="helper.js"
                Content-Type: application/javascript+module

                export const greet = () => "hi";
                --form-data-boundary-w8x1uk5dlzbrv0e5--
                """);
        ScriptUpload upload = UploadForms.scriptUpload(
                "multipart/form-data; boundary=form-data-boundary-w8x1uk5dlzbrv0e5", body, Map.of());

        assertEquals("worker.js", upload.metadata().get("main_module").asText());
        assertEquals("customer-sdk", upload.metadata().get("tags").get(0).asText());
        assertEquals(List.of("worker.js", "helper.js"), upload.modules().stream().map(UploadedModule::name).toList());
        assertEquals("export const greet = () => \"hi\";", text(upload.modules().get(1).content()));
    }

    @Test
    void sdkSevenUploadUnderABoundarylessJavascriptContentTypeIsRebuiltIntoMetadata() throws Exception {
        byte[] body = crlf("""
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[main_module]"

                worker.js
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[compatibility_date]"

                2025-01-01
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[compatibility_flags][]"

                nodejs_compat
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][type]"

                plain_text
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][name]"

                GREETING
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][text]"

                hello
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][type]"

                kv_namespace
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][name]"

                KV
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[bindings][][namespace_id]"

                0f2ac74b498b48028cb68387c421e279
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[logpush]"

                false
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="metadata[tags][]"

                customer-sdk
                ----formdata-undici-023962151931
                Content-Disposition: form-data; name="files[]"; filename="worker.js"
                Content-Type: application/javascript+module

                export default { fetch() { return new Response("v7"); } };
                ----formdata-undici-023962151931--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("application/javascript", body, Map.of());

        assertEquals(JSON.readTree("""
                {"main_module":"worker.js","compatibility_date":"2025-01-01","compatibility_flags":["nodejs_compat"],
                 "bindings":[{"type":"plain_text","name":"GREETING","text":"hello"},
                             {"type":"kv_namespace","name":"KV","namespace_id":"0f2ac74b498b48028cb68387c421e279"}],
                 "logpush":false,"tags":["customer-sdk"]}
                """), upload.metadata());
        assertEquals(1, upload.modules().size());
        assertEquals("worker.js", upload.modules().get(0).name());
        assertEquals("application/javascript+module", upload.modules().get(0).contentType());
    }

    @Test
    void aWasmModuleArrivesByteForByte() {
        byte[] wasm = new byte[256];
        for (int i = 0; i < wasm.length; i++) wasm[i] = (byte) i; // every byte value, CR and LF among them
        byte[] body = join(crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"}
                --b
                Content-Disposition: form-data; name="./add.wasm"; filename="./add.wasm"
                Content-Type: application/wasm

                """), wasm, crlf("\n--b--\n"));
        UploadedModule module = UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()).modules().get(0);
        assertEquals("./add.wasm", module.name());
        assertEquals("application/wasm", module.contentType());
        assertArrayEquals(wasm, module.content());
    }

    @Test
    void aModulePartWithoutContentTypeHasANullContentType() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"body_part":"script"}
                --b
                Content-Disposition: form-data; name="script"

                addEventListener("fetch", () => {});
                --b--
                """);
        UploadedModule module = UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()).modules().get(0);
        assertEquals("script", module.name());
        assertNull(module.contentType());
    }

    @Test
    void anAssetsOnlyUploadHasMetadataAndNoModules() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"assets":{"jwt":"t","config":{}},"compatibility_date":"2025-01-01","compatibility_flags":[]}
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of());
        assertTrue(upload.modules().isEmpty());
        assertEquals("t", upload.metadata().at("/assets/jwt").asText());
    }

    @Test
    void theMainModuleHeaderNamesTheEntryWhenThereIsNoMetadataPart() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="files"; filename="worker.js"
                Content-Type: application/javascript+module

                export default {};
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body,
                Map.of("cf-worker-main-module-part", "files"));
        assertEquals(JSON.createObjectNode().put("main_module", "worker.js"), upload.metadata());
        assertEquals("worker.js", upload.modules().get(0).name());
    }

    @Test
    void theMainModuleHeaderMayNameTheModuleByItsFilename() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"compatibility_date":"2025-01-01"}
                --b
                Content-Disposition: form-data; name="files"; filename="a.js"

                export const a = 1;
                --b
                Content-Disposition: form-data; name="files"; filename="main.js"

                export default {};
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body,
                Map.of("cf-worker-main-module-part", "main.js"));
        assertEquals("main.js", upload.metadata().get("main_module").asText());
        assertEquals("2025-01-01", upload.metadata().get("compatibility_date").asText());
    }

    @Test
    void theBodyPartHeaderNamesAServiceWorkerEntry() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="script"; filename="script.js"
                Content-Type: application/javascript

                addEventListener("fetch", () => {});
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body,
                Map.of("cf-worker-body-part", "script"));
        assertEquals("script.js", upload.metadata().get("body_part").asText());
        assertFalse(upload.metadata().has("main_module"));
    }

    @Test
    void anEntryNamedInTheMetadataIsNotOverriddenByTheHeader() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"}
                --b
                Content-Disposition: form-data; name="index.js"; filename="index.js"

                export default {};
                --b--
                """);
        ScriptUpload upload = UploadForms.scriptUpload("multipart/form-data; boundary=b", body,
                Map.of("cf-worker-main-module-part", "other.js"));
        assertEquals("index.js", upload.metadata().get("main_module").asText());
    }

    @Test
    void anUploadWithoutMetadataOrEntryHeaderIsAValidationError() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="index.js"; filename="index.js"

                export default {};
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        assertEquals(400, e.status());
        assertEquals(10021, e.code());
        assertEquals("No metadata part in the upload", e.getMessage());
    }

    @Test
    void metadataThatIsNotJsonIsAValidationErrorThatSaysWhere() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js",
                 "bindings": [oops]}
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        assertEquals(400, e.status());
        assertEquals(10021, e.code());
        assertTrue(e.getMessage().contains("metadata"), e.getMessage());
        assertTrue(e.getMessage().contains("oops"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2, column"), e.getMessage());
    }

    @Test
    void metadataWithTrailingGarbageIsAValidationError() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"} {}
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        assertEquals(10021, e.code());
        assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    }

    @Test
    void metadataThatIsAJsonArrayIsAValidationError() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                ["index.js"]
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        assertEquals(10021, e.code());
        assertEquals("The metadata must be a JSON object, but it is array", e.getMessage());
    }

    @Test
    void twoMetadataPartsAreAValidationError() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {}
                --b
                Content-Disposition: form-data; name="metadata"

                {}
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        assertEquals(10021, e.code());
    }

    @Test
    void aTruncatedUploadIsUnparseable() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"}
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("multipart/form-data; boundary=b", body, Map.of()));
        MultipartParserTest.assertUnparseable(e, "closing boundary");
    }

    @Test
    void aPlainJavascriptBodyIsUnparseable() {
        byte[] body = "export default {};".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.scriptUpload("application/javascript", body, Map.of()));
        MultipartParserTest.assertUnparseable(e, "boundary");
    }
}
