package dev.corral.runtime.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A bounded, asynchronous byte pipe: the one way a body streams between Netty, the egress client and isolates.
 *
 * <p>The writer's {@link #write} future completes only while the buffered bytes stay under the high-water mark, so a
 * fast producer waits for a slow consumer instead of filling memory. The reader pulls one chunk at a time; a null
 * chunk means the end. Either side may stop early: the reader with {@link #cancel}, the writer with {@link #fail}.
 */
public final class BodyPipe {
    /** Bytes a pipe may hold before writers must wait. Large enough to keep a socket busy, small enough per request. */
    public static final int HIGH_WATER_MARK = 256 * 1024;

    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean closed;
    private Throwable failure;
    private CompletableFuture<byte[]> waitingReader;
    private CompletableFuture<Void> waitingWriter;

    /** Offers a chunk. The future completes when the writer may write again, or fails if the reader went away. */
    public CompletableFuture<Void> write(byte[] chunk) {
        CompletableFuture<byte[]> reader;
        synchronized (this) {
            if (failure != null) return CompletableFuture.failedFuture(failure);
            if (closed) return CompletableFuture.failedFuture(new IllegalStateException("body already closed"));
            if (chunk.length == 0) return ACCEPTED;
            reader = waitingReader;
            if (reader == null) {
                chunks.add(chunk);
                buffered += chunk.length;
                if (buffered < HIGH_WATER_MARK) return ACCEPTED;
                waitingWriter = new CompletableFuture<>();
                return waitingWriter;
            }
            waitingReader = null;
        }
        reader.complete(chunk);
        return ACCEPTED;
    }

    /** Marks the end of the body. */
    public void close() {
        CompletableFuture<byte[]> reader;
        synchronized (this) {
            if (closed || failure != null) return;
            closed = true;
            reader = chunks.isEmpty() ? waitingReader : null;
            if (reader != null) waitingReader = null;
        }
        if (reader != null) reader.complete(null);
    }

    /** Ends the body with an error; both sides see it. */
    public void fail(Throwable error) {
        CompletableFuture<byte[]> reader;
        CompletableFuture<Void> writer;
        synchronized (this) {
            // A closed body was written whole; a late error (a client library reporting its own teardown) changes nothing.
            if (failure != null || closed) return;
            failure = error;
            chunks.clear();
            buffered = 0;
            reader = waitingReader;
            writer = waitingWriter;
            waitingReader = null;
            waitingWriter = null;
        }
        if (reader != null) reader.completeExceptionally(error);
        if (writer != null) writer.completeExceptionally(error);
    }

    /** The reader no longer wants the body: pending and future writes fail, and buffered chunks are dropped. */
    public void cancel(Throwable reason) {
        CompletableFuture<Void> writer;
        synchronized (this) {
            if (failure != null) return;
            failure = reason;
            chunks.clear();
            buffered = 0;
            writer = waitingWriter;
            waitingWriter = null;
        }
        if (writer != null) writer.completeExceptionally(reason);
    }

    /** The next chunk, or null at the end of the body. */
    public CompletableFuture<byte[]> read() {
        byte[] chunk;
        CompletableFuture<Void> writer = null;
        synchronized (this) {
            if (failure != null) return CompletableFuture.failedFuture(failure);
            chunk = chunks.poll();
            if (chunk == null) {
                if (closed) return CompletableFuture.completedFuture(null);
                if (waitingReader != null) return CompletableFuture.failedFuture(new IllegalStateException("concurrent read"));
                waitingReader = new CompletableFuture<>();
                return waitingReader;
            }
            buffered -= chunk.length;
            if (waitingWriter != null && buffered < HIGH_WATER_MARK) {
                writer = waitingWriter;
                waitingWriter = null;
            }
        }
        if (writer != null) writer.complete(null);
        return CompletableFuture.completedFuture(chunk);
    }

    /** A pipe that already holds a whole body. */
    public static BodyPipe of(byte[] bytes) {
        BodyPipe pipe = new BodyPipe();
        synchronized (pipe) {
            if (bytes.length > 0) {
                pipe.chunks.add(bytes);
                pipe.buffered = bytes.length;
            }
            pipe.closed = true;
        }
        return pipe;
    }
}
