package dev.corral.server;

import dev.corral.runtime.BindingHost;
import dev.corral.runtime.Invocation;
import dev.corral.runtime.Limits;
import dev.corral.runtime.Outcome;
import dev.corral.runtime.WorkerError;
import dev.corral.runtime.RuntimeConfig;
import dev.corral.runtime.WorkerRuntime;
import dev.corral.runtime.WorkerScript;
import dev.corral.runtime.http.HttpEgress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/** One Corral node: the runtime, the public listener and the admin listener, wired together. */
final class Node implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    /** Request line and header limits: Cloudflare allows 16 KB URLs and 128 KB of request headers. */
    private static final int MAX_INITIAL_LINE = 16 * 1024 + 64;
    private static final int MAX_HEADER_BYTES = 128 * 1024;
    private static final int MAX_ADMIN_BODY = 100 << 20;

    private final NodeConfig config;
    private final JsonLog log;
    private final WorkerRuntime runtime;
    private final EventLoopGroup group;
    private final Class<? extends ServerSocketChannel> channelType;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Metrics metrics = new Metrics();
    private Channel httpChannel;
    private Channel adminChannel;

    Node(NodeConfig config, JsonLog log) {
        this.config = config;
        this.log = log;
        RuntimeConfig runtimeConfig = RuntimeConfig.defaults().withMemoryLimitBytes((long) config.memoryLimitMb() << 20);
        this.runtime = new WorkerRuntime(runtimeConfig, log, metrics);
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    void start() throws InterruptedException {
        Map<String, WorkerScript> workers = new LinkedHashMap<>();
        config.workers().forEach((name, file) -> workers.put(name, WorkerFiles.load(name, file)));
        WorkerScript fallback = workers.values().iterator().next();
        HttpEgress egress = new HttpEgress(config.allowPrivateEgress());
        Limits limits = Limits.DEFAULT.withCpuMillis(config.cpuMillis());
        FrontDoor.Handler handler = request -> {
            WorkerScript worker = workers.getOrDefault(firstHostLabel(request.url()), fallback);
            Invocation invocation = runtime.isolate(worker, () -> BindingHost.NONE).fetch(request, limits, egress, 0, null);
            invocation.finished().thenAccept(outcome -> {
                metrics.invocationFinished(worker.id(), outcome, invocation.cpuMillis());
                logUnlessOk(worker, invocation, outcome);
            });
            return invocation.response();
        };

        httpChannel = bind(config.http(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 64 * 1024),
                        new FrontDoor(handler, config.maxBodyBytes(), inFlight));
            }
        });
        adminChannel = bind(config.admin(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_ADMIN_BODY), new AdminHandler(ready::get, metrics));
            }
        });
        ready.set(true);
    }

    /** Failed invocations are logged with what they used; successful ones are counted by metrics, not logged. */
    private void logUnlessOk(WorkerScript worker, Invocation invocation, Outcome outcome) {
        if (outcome == Outcome.OK) return;
        WorkerError failure = invocation.failure();
        String error = failure == null ? "" : failure.jsStack() != null ? failure.jsStack() : failure.getMessage();
        log.event(Map.of("level", "warn", "message", "invocation failed", "script", worker.id(), "outcome", outcome.wireName(),
                "cpu_ms", invocation.cpuMillis(), "subrequests", invocation.subrequests(), "error", error));
    }

    private static String firstHostLabel(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && url.charAt(end) != '.' && url.charAt(end) != ':' && url.charAt(end) != '/') end++;
        return url.substring(start, end);
    }

    private Channel bind(HostPort address, ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(address.toSocketAddress()).sync().channel();
    }

    InetSocketAddress httpAddress() {
        return (InetSocketAddress) httpChannel.localAddress();
    }

    InetSocketAddress adminAddress() {
        return (InetSocketAddress) adminChannel.localAddress();
    }

    /** Stops taking connections, lets in-flight requests finish (up to {@code grace}), then stops the runtime. */
    void shutdown(Duration grace) {
        ready.set(false);
        if (httpChannel != null) httpChannel.close().syncUninterruptibly();
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) LOG.warning(() -> inFlight.get() + " requests still running at shutdown");
        if (adminChannel != null) adminChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        runtime.close();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
