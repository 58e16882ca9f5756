package dev.corral.server;

import dev.corral.api.ApiRequest;
import dev.corral.api.ApiResponse;
import dev.corral.api.ManagementApi;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The admin listener: health, readiness, Prometheus metrics, and Cloudflare's management API under
 * {@code /client/v4}. Anything else gets Cloudflare's envelope with code 7003, "No route for the URI".
 *
 * <p>API calls touch the store and may start an isolate to check an upload, so they run on virtual threads, never
 * on the Netty event loop.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ExecutorService API_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private final BooleanSupplier ready;
    private final Metrics metrics;
    private final ManagementApi api;

    AdminHandler(BooleanSupplier ready, Metrics metrics, ManagementApi api) {
        this.ready = ready;
        this.metrics = metrics;
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.rawPath();
        if (path.startsWith(ManagementApi.PREFIX + "/")) {
            ApiRequest call = apiRequest(request, uri);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            API_THREADS.execute(() -> {
                ApiResponse answer = api.handle(call);
                ctx.executor().execute(() -> send(ctx, keepAlive, answer));
            });
            return;
        }
        switch (path) {
            case "/healthz", "/readyz" -> {
                if (ready.getAsBoolean()) send(ctx, request, HttpResponseStatus.OK, "text/plain", "ok\n");
                else send(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", "starting\n");
            }
            case "/metrics" -> send(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4", metrics.render());
            default -> send(ctx, request, HttpResponseStatus.NOT_FOUND, "application/json",
                    "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"No route for the URI\"}],\"messages\":[],\"result\":null}");
        }
    }

    private static ApiRequest apiRequest(FullHttpRequest request, QueryStringDecoder uri) {
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b));
        return new ApiRequest(request.method().name(), uri.rawPath(), uri.parameters(), headers, ByteBufUtil.getBytes(request.content()));
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse answer) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach((name, value) -> response.headers().set(name, value));
        write(ctx, keepAlive, response);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type, String body) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        write(ctx, HttpUtil.isKeepAlive(request), response);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, DefaultFullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) write.addListener(ChannelFutureListener.CLOSE);
    }
}
