package dev.corral.runtime.http;

/** A request or response body: none, a whole byte array (the fast path), or a stream. */
public sealed interface Body {
    Body EMPTY = new Empty();

    record Empty() implements Body {}

    record Bytes(byte[] bytes) implements Body {}

    record Stream(BodyPipe pipe) implements Body {}

    static Body of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** The body as a pipe, for consumers that only stream. */
    default BodyPipe asPipe() {
        return switch (this) {
            case Empty e -> BodyPipe.of(new byte[0]);
            case Bytes b -> BodyPipe.of(b.bytes());
            case Stream s -> s.pipe();
        };
    }
}
