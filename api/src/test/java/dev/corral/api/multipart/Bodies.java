package dev.corral.api.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/** Request bodies written the way the clients put them on the wire. */
final class Bodies {
    private Bodies() {}

    /** {@code text} with every line ending made CRLF, as undici and the SDKs send multipart bodies. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(UTF_8);
    }

    /** Strings (as UTF-8) and byte arrays, joined. */
    static byte[] join(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] bytes ? bytes : piece.toString().getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
