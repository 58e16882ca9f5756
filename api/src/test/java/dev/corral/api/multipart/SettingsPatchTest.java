package dev.corral.api.multipart;

import static dev.corral.api.multipart.Bodies.crlf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.platform.PlatformException;
import org.junit.jupiter.api.Test;

/** The settings PATCH body in the SDK 5.x/6.x, SDK 7.x and plain JSON framings (wire reference §3, §4.3). */
class SettingsPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTINGS = """
            {"compatibility_date":"2025-02-01","compatibility_flags":["nodejs_compat"],"logpush":false,
             "tags":["customer-sdk"],"observability":{"enabled":true}}""";

    @Test
    void sdkFiveAndSixSendTheSettingsAsOneJsonFilePart() throws Exception {
        byte[] body = crlf("""
                --form-data-boundary-q1
                Content-Disposition: form-data; name="settings"; filename="settings"
                Content-Type: application/json

                %s
                --form-data-boundary-q1--
                """.formatted(SETTINGS));
        assertEquals(expected(), UploadForms.settingsPatch("multipart/form-data; boundary=form-data-boundary-q1", body));
    }

    @Test
    void sdkSevenSendsTheSettingsAsBracketFieldsWhoseTypesAreRestored() throws Exception {
        byte[] body = crlf("""
                ----formdata-undici-1
                Content-Disposition: form-data; name="settings[compatibility_date]"

                2025-02-01
                ----formdata-undici-1
                Content-Disposition: form-data; name="settings[compatibility_flags][]"

                nodejs_compat
                ----formdata-undici-1
                Content-Disposition: form-data; name="settings[logpush]"

                false
                ----formdata-undici-1
                Content-Disposition: form-data; name="settings[tags][]"

                customer-sdk
                ----formdata-undici-1
                Content-Disposition: form-data; name="settings[observability][enabled]"

                true
                ----formdata-undici-1--
                """);
        assertEquals(expected(), UploadForms.settingsPatch("multipart/form-data; boundary=--formdata-undici-1", body));
    }

    @Test
    void aPlainJsonBodyIsTheSettingsObjectItself() throws Exception {
        assertEquals(expected(), UploadForms.settingsPatch("application/json", SETTINGS.getBytes(UTF_8)));
    }

    @Test
    void settingsThatAreNotAnObjectAreAValidationError() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.settingsPatch("application/json", "[1]".getBytes(UTF_8)));
        assertEquals(400, e.status());
        assertEquals(10021, e.code());
        assertTrue(e.getMessage().contains("settings"), e.getMessage());
    }

    @Test
    void brokenSettingsJsonIsAValidationErrorThatSaysWhere() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="settings"; filename="settings"
                Content-Type: application/json

                {"logpush": nope}
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.settingsPatch("multipart/form-data; boundary=b", body));
        assertEquals(10021, e.code());
        assertTrue(e.getMessage().contains("settings") && e.getMessage().contains("line 1, column"), e.getMessage());
    }

    @Test
    void aMultipartBodyWithoutSettingsIsAValidationError() {
        byte[] body = crlf("""
                --b
                Content-Disposition: form-data; name="other"

                x
                --b--
                """);
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.settingsPatch("multipart/form-data; boundary=b", body));
        assertEquals(10021, e.code());
        assertEquals("No settings part in the request", e.getMessage());
    }

    @Test
    void aMultipartSettingsBodyWithoutItsBoundaryIsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> UploadForms.settingsPatch("multipart/form-data", "settings=1".getBytes(UTF_8)));
        MultipartParserTest.assertUnparseable(e, "boundary");
    }

    private static JsonNode expected() throws Exception {
        return JSON.readTree(SETTINGS);
    }
}
