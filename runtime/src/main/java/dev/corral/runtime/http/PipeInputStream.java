package dev.corral.runtime.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletionException;

/**
 * A pipe read as a blocking stream, for clients that pull request bodies on their own (virtual) threads.
 * Closing it before the end tells the writer the body is no longer wanted.
 */
final class PipeInputStream extends InputStream {
    private final BodyPipe pipe;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    PipeInputStream(BodyPipe pipe) {
        this.pipe = pipe;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) return 0;
        while (position == chunk.length) {
            if (ended) return -1;
            try {
                byte[] next = pipe.read().join();
                if (next == null) {
                    ended = true;
                    return -1;
                }
                chunk = next;
                position = 0;
            } catch (CompletionException e) {
                throw new IOException("the request body failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (!ended) pipe.cancel(new IllegalStateException("the request body was not read to the end"));
        ended = true;
    }
}
