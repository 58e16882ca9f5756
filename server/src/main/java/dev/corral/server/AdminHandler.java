package dev.corral.server;

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
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The admin listener: health, readiness and Prometheus metrics; the management API mounts here when it arrives.
 * Unknown paths get Cloudflare's envelope with code 7003, "No route for the URI".
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final BooleanSupplier ready;
    private final Metrics metrics;

    AdminHandler(BooleanSupplier ready, Metrics metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
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

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type, String body) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) write.addListener(ChannelFutureListener.CLOSE);
    }
}
