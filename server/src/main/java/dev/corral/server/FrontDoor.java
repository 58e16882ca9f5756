package dev.corral.server;

import dev.corral.runtime.http.Body;
import dev.corral.runtime.http.BodyPipe;
import dev.corral.runtime.http.HeaderList;
import dev.corral.runtime.http.WorkerRequest;
import dev.corral.runtime.http.WorkerResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The public listener's per-connection handler: turns HTTP/1.1 messages into {@link WorkerRequest}s and writes the
 * worker's response back, streaming bodies in both directions with backpressure.
 *
 * <p>A connection serves one request at a time. Once a request's body has arrived, the handler stops reading until
 * the response is written, so pipelined requests wait in the socket buffer instead of racing each other.
 */
final class FrontDoor extends ChannelInboundHandlerAdapter {
    private static final String CONNECTING_IP = "cf-connecting-ip";
    private static final Logger LOG = Logger.getLogger(FrontDoor.class.getName());

    /** Where requests go: the entry worker now, the platform's router later. */
    interface Handler {
        CompletableFuture<WorkerResponse> handle(WorkerRequest request);
    }

    private final Handler handler;
    private final long maxBodyBytes;
    private final AtomicInteger inFlight;
    /** Set when a request was refused before its body arrived: the rest of that body is read and dropped. */
    private boolean discarding;

    // Event-loop thread only.
    private BodyPipe requestBody;
    private long requestBodyBytes;
    private boolean keepAlive;
    private boolean requestComplete;
    private boolean responding;
    private BodyPipe responseBody;

    FrontDoor(Handler handler, long maxBodyBytes, AtomicInteger inFlight) {
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.inFlight = inFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) onRequest(ctx, request);
            if (msg instanceof HttpContent content) onContent(ctx, content);
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus status = cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : HttpResponseStatus.BAD_REQUEST;
            writeSimple(ctx, status, "Bad request: " + cause.getMessage(), false);
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        requestComplete = false;
        long declaredLength = HttpUtil.getContentLength(request, -1L);
        if (declaredLength > maxBodyBytes) {
            // Answer now, but read the body to its end before closing: a client still sending would otherwise see
            // a reset instead of the 413.
            discarding = true;
            writeSimple(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large.", true);
            return;
        }
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || declaredLength > 0;
        requestBody = hasBody ? new BodyPipe() : null;
        requestBodyBytes = 0;
        WorkerRequest workerRequest = new WorkerRequest(request.method().name(), url(ctx, request), headers(ctx, request.headers()),
                hasBody ? new Body.Stream(requestBody) : Body.EMPTY, RequestCf.of(request));
        boolean head = request.method().equals(HttpMethod.HEAD);
        responding = true;
        inFlight.incrementAndGet();
        CompletableFuture<WorkerResponse> response;
        try {
            response = handler.handle(workerRequest);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((ok, error) -> ctx.executor().execute(() -> {
            WorkerResponse toSend = ok;
            if (error != null) {
                LOG.log(Level.FINE, "request failed", error);
                toSend = ErrorPages.forFailure(error);
            }
            writeResponse(ctx, toSend, head);
        }));
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (discarding) {
            if (content instanceof LastHttpContent) ctx.close();
            return;
        }
        ByteBuf data = content.content();
        BodyPipe pipe = requestBody;
        if (pipe != null && data.isReadable()) {
            requestBodyBytes += data.readableBytes();
            if (requestBodyBytes > maxBodyBytes) {
                pipe.fail(new IllegalStateException("request body too large"));
                requestBody = null;
            } else {
                CompletableFuture<Void> accepted = pipe.write(ByteBufUtil.getBytes(data));
                if (!accepted.isDone()) {
                    ctx.channel().config().setAutoRead(false);
                    accepted.whenComplete((ok, error) -> ctx.executor().execute(() -> ctx.channel().config().setAutoRead(true)));
                }
            }
        }
        if (content instanceof LastHttpContent) {
            if (pipe != null) pipe.close();
            requestBody = null;
            requestComplete = true;
            if (responding) ctx.channel().config().setAutoRead(false);
        }
    }

    private static String url(ChannelHandlerContext ctx, HttpRequest request) {
        String uri = request.uri();
        if (uri.startsWith("http://") || uri.startsWith("https://")) return uri;
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            java.net.InetSocketAddress local = (java.net.InetSocketAddress) ctx.channel().localAddress();
            host = local.getHostString() + ":" + local.getPort();
        }
        String scheme = "https".equalsIgnoreCase(request.headers().get("x-forwarded-proto")) ? "https" : "http";
        return scheme + "://" + host + (uri.startsWith("/") ? uri : "/" + uri);
    }

    /**
     * The request's headers, with {@code cf-connecting-ip} set to the peer's address as Cloudflare sets it: a value
     * the client sent is replaced, since workers trust this header.
     */
    private static HeaderList headers(ChannelHandlerContext ctx, HttpHeaders headers) {
        HeaderList.Builder builder = HeaderList.builder();
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().equalsIgnoreCase(CONNECTING_IP)) builder.add(header.getKey(), header.getValue());
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress peer) builder.add(CONNECTING_IP, peer.getAddress().getHostAddress());
        return builder.build();
    }

    private void writeResponse(ChannelHandlerContext ctx, WorkerResponse response, boolean head) {
        if (!ctx.channel().isActive()) {
            cancelBody(response);
            finishExchange(ctx, false);
            return;
        }
        HttpResponseStatus status = response.statusText().isEmpty()
                ? HttpResponseStatus.valueOf(response.status())
                : new HttpResponseStatus(response.status(), response.statusText());
        switch (response.body()) {
            case Body.Stream stream when !head -> {
                HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
                copyHeaders(response, start.headers());
                if (!start.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) HttpUtil.setTransferEncodingChunked(start, true);
                setConnection(start);
                ctx.write(start);
                responseBody = stream.pipe();
                pumpBody(ctx, stream.pipe());
            }
            default -> {
                byte[] bytes = response.body() instanceof Body.Bytes b ? b.bytes() : new byte[0];
                cancelBody(response);
                DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
                copyHeaders(response, full.headers());
                if (!head || !full.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                    full.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
                }
                setConnection(full);
                ctx.writeAndFlush(full).addListener(done -> finishExchange(ctx, done.isSuccess()));
            }
        }
    }

    private static void cancelBody(WorkerResponse response) {
        if (response.body() instanceof Body.Stream stream) stream.pipe().cancel(new IllegalStateException("response not sent"));
    }

    private void pumpBody(ChannelHandlerContext ctx, BodyPipe pipe) {
        pipe.read().whenComplete((chunk, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                // The worker's stream failed after the head went out: the only honest signal left is to drop the connection.
                LOG.log(Level.FINE, "response body failed", error);
                ctx.close();
                finishExchange(ctx, false);
            } else if (chunk == null) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(done -> finishExchange(ctx, done.isSuccess()));
            } else {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk))).addListener(done -> {
                    if (done.isSuccess()) pumpBody(ctx, pipe);
                    else {
                        pipe.cancel(done.cause());
                        finishExchange(ctx, false);
                    }
                });
            }
        }));
    }

    private void setConnection(HttpResponse response) {
        if (keepAlive) {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    /** Hop-by-hop headers are the front door's business, not the worker's. */
    private static void copyHeaders(WorkerResponse response, HttpHeaders target) {
        response.headers().forEach((name, value) -> {
            switch (name) {
                case "connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection" -> { }
                default -> target.add(name, value);
            }
        });
    }

    private void finishExchange(ChannelHandlerContext ctx, boolean written) {
        if (!responding) return;
        responding = false;
        responseBody = null;
        inFlight.decrementAndGet();
        if (!written || !keepAlive) {
            ctx.close();
            return;
        }
        if (requestComplete) ctx.channel().config().setAutoRead(true);
    }

    /** A plain-text answer from the front door itself; {@code stayOpen} keeps the connection for a body still arriving. */
    private void writeSimple(ChannelHandlerContext ctx, HttpResponseStatus status, String text, boolean stayOpen) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", java.nio.charset.StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(stayOpen ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IllegalStateException gone = new IllegalStateException("client disconnected");
        if (requestBody != null) requestBody.fail(gone);
        if (responseBody != null) responseBody.cancel(gone);
        if (responding) {
            responding = false;
            inFlight.decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection error", cause);
        ctx.close();
    }
}
