package dev.corral.api.multipart;

import static dev.corral.api.multipart.Bodies.crlf;
import static dev.corral.api.multipart.Bodies.join;
import static dev.corral.api.multipart.Bodies.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.platform.PlatformException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartParserTest {
    private static final String FORM = "multipart/form-data; boundary=XyZ";

    @Test
    void aPlainFieldHasANameAndNeitherFilenameNorContentType() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="metadata"

                {"main_module":"index.js"}
                --XyZ--
                """));
        assertEquals(1, parts.size());
        assertEquals("metadata", parts.get(0).name());
        assertNull(parts.get(0).filename());
        assertNull(parts.get(0).contentType());
        assertEquals("{\"main_module\":\"index.js\"}", text(parts.get(0).bytes()));
    }

    @Test
    void aFilePartKeepsItsFilenameAndContentTypeAsSent() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("""
                --XyZ
                content-disposition: form-data; name="files"; filename="lib/util.js"
                content-type: application/javascript+module; charset=utf-8

                export const x = 1;
                --XyZ--
                """));
        Part part = parts.get(0);
        assertEquals("files", part.name());
        assertEquals("lib/util.js", part.filename());
        assertEquals("application/javascript+module; charset=utf-8", part.contentType());
        assertEquals("export const x = 1;", text(part.bytes()));
    }

    @Test
    void aQuotedBoundaryInTheContentTypeIsUnquoted() {
        List<Part> parts = MultipartParser.parse("multipart/form-data; charset=utf-8; boundary=\"a:b c\"", crlf("""
                --a:b c
                Content-Disposition: form-data; name="one"

                1
                --a:b c--
                """));
        assertEquals("1", text(parts.get(0).bytes()));
    }

    @Test
    void theBoundaryParameterNameIsCaseInsensitive() {
        List<Part> parts = MultipartParser.parse("Multipart/Form-Data; BOUNDARY=XyZ", crlf("""
                --XyZ
                Content-Disposition: form-data; name="one"

                1
                --XyZ--
                """));
        assertEquals("one", parts.get(0).name());
    }

    @Test
    void bareLineFeedLineEndingsAreAccepted() {
        byte[] body = """
                --XyZ
                Content-Disposition: form-data; name="a"

                first
                line
                --XyZ
                Content-Disposition: form-data; name="b"; filename="b.txt"
                Content-Type: text/plain

                second
                --XyZ--
                """.getBytes(UTF_8);
        List<Part> parts = MultipartParser.parse(FORM, body);
        assertEquals(2, parts.size());
        assertEquals("first\nline", text(parts.get(0).bytes()));
        assertEquals("second", text(parts.get(1).bytes()));
        assertEquals("text/plain", parts.get(1).contentType());
    }

    @Test
    void thePreambleAndEpilogueAreIgnored() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("""
                This is a preamble that mentions --XyZ in passing.
                --XyZ
                Content-Disposition: form-data; name="a"

                A
                --XyZ--
                an epilogue
                --XyZ
                Content-Disposition: form-data; name="ignored"

                never a part
                """));
        assertEquals(List.of("a"), parts.stream().map(Part::name).toList());
        assertEquals("A", text(parts.get(0).bytes()));
    }

    @Test
    void aBinaryPartRoundTripsByteForByte() {
        byte[] wasm = new byte[4096];
        for (int i = 0; i < wasm.length; i++) wasm[i] = (byte) (i * 31 + 7);
        byte[] header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        System.arraycopy(header, 0, wasm, 0, header.length);
        // Line breaks, dashes and a CR at the very end must all stay part of the content.
        byte[] tricky = "\r\n--Xy\n-\r".getBytes(UTF_8);
        System.arraycopy(tricky, 0, wasm, 100, tricky.length);
        wasm[wasm.length - 1] = '\r';
        byte[] body = join(crlf("""
                --XyZ
                Content-Disposition: form-data; name="./add.wasm"; filename="./add.wasm"
                Content-Type: application/wasm

                """), wasm, crlf("""

                --XyZ--
                """));
        Part part = MultipartParser.parse(FORM, body).get(0);
        assertEquals("application/wasm", part.contentType());
        assertArrayEquals(wasm, part.bytes());
    }

    @Test
    void aLineThatOnlyStartsWithTheBoundaryIsContent() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="a"

                before
                --XyZabc
                after
                --XyZ--
                """));
        assertEquals("before\r\n--XyZabc\r\nafter", text(parts.get(0).bytes()));
    }

    @Test
    void anEmptyPartHasNoBytes() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="empty"; filename="empty.txt"


                --XyZ--
                """));
        assertEquals(0, parts.get(0).bytes().length);
    }

    @Test
    void blanksAfterTheBoundaryOnADelimiterLineAreAllowed() {
        List<Part> parts = MultipartParser.parse(FORM, crlf("--XyZ \t\nContent-Disposition: form-data; name=\"a\"\n\nA\n--XyZ--"));
        assertEquals("A", text(parts.get(0).bytes()));
    }

    @Test
    void aFilenameWithADirectoryPathIsKeptWhole() {
        Part part = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt"; filename="./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt"
                Content-Type: text/plain

                hello-from-text-module
                --XyZ--
                """)).get(0);
        assertEquals("./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt", part.name());
        assertEquals("./339bb5d6ea4167e6d1940f3efd22b383ce64607c-banner.txt", part.filename());
    }

    @Test
    void theExtendedFilenameWinsOverThePlainOne() {
        Part part = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="files"; filename="rates.js"; filename*=UTF-8''%E2%82%AC%20rates.js

                x
                --XyZ--
                """)).get(0);
        assertEquals("€ rates.js", part.filename());
    }

    @Test
    void percentEscapedQuotesAndSemicolonsInQuotedNamesAreDecodedOrKept() {
        Part part = MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="say %22hi%22"; filename="a;b.js"

                x
                --XyZ--
                """)).get(0);
        assertEquals("say \"hi\"", part.name());
        assertEquals("a;b.js", part.filename());
    }

    @Test
    void theBoundaryIsReadFromTheFirstLineWhenTheContentTypeNamesNone() {
        List<Part> parts = MultipartParser.parse("application/javascript", crlf("""
                ----formdata-undici-012345678901
                Content-Disposition: form-data; name="metadata[main_module]"

                worker.js
                ----formdata-undici-012345678901--
                """));
        assertEquals("metadata[main_module]", parts.get(0).name());
        assertEquals("worker.js", text(parts.get(0).bytes()));
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="a"

                truncated here
                """)));
        assertUnparseable(e, "closing boundary");
    }

    @Test
    void aPartWithoutContentDispositionIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Type: text/plain

                who am I
                --XyZ--
                """)));
        assertUnparseable(e, "Content-Disposition");
    }

    @Test
    void aContentDispositionWithoutANameIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; filename="a.js"

                x
                --XyZ--
                """)));
        assertUnparseable(e, "no name");
    }

    @Test
    void aBodyWithNoBoundaryAnywhereIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> MultipartParser.parse("application/javascript", "addEventListener('fetch', () => {})".getBytes(UTF_8)));
        assertUnparseable(e, "boundary");
    }

    @Test
    void aBodyThatNeverUsesTheDeclaredBoundaryIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> MultipartParser.parse(FORM, crlf("""
                --Other
                Content-Disposition: form-data; name="a"

                x
                --Other--
                """)));
        assertUnparseable(e, "--XyZ");
    }

    @Test
    void headersThatNeverEndAreRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class,
                () -> MultipartParser.parse(FORM, crlf("--XyZ\nContent-Disposition: form-data; name=\"a\"")));
        assertUnparseable(e, "headers of part 1");
    }

    @Test
    void aHeaderLineWithoutAColonIsRefusedAsUnparseable() {
        PlatformException e = assertThrows(PlatformException.class, () -> MultipartParser.parse(FORM, crlf("""
                --XyZ
                Content-Disposition: form-data; name="a"
                garbage

                x
                --XyZ--
                """)));
        assertUnparseable(e, "garbage");
    }

    static void assertUnparseable(PlatformException e, String why) {
        assertEquals(400, e.status());
        assertEquals(10026, e.code());
        assertTrue(e.getMessage().startsWith("Could not parse the request body: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
