package dev.corral.server;

import dev.corral.api.ManagementApi;
import dev.corral.api.NamespaceEndpoints;
import dev.corral.api.ScriptEndpoints;
import dev.corral.api.plain.AccountEndpoints;
import dev.corral.api.plain.DeploymentEndpoints;
import dev.corral.api.plain.PlainScriptEndpoints;
import dev.corral.api.plain.R2Endpoints;
import dev.corral.api.plain.ScriptForms;
import dev.corral.api.plain.ScriptRouteEndpoints;
import dev.corral.api.plain.WorkersDevEndpoints;
import dev.corral.api.zones.WorkerRouteEndpoints;
import dev.corral.api.zones.ZoneEndpoints;
import dev.corral.platform.control.ControlLimits;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.ScriptVersions;
import dev.corral.platform.control.SecretSealer;
import dev.corral.platform.control.StoredScripts;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.platform.routing.LiveRouteTable;
import dev.corral.platform.serve.Dispatch;
import dev.corral.runtime.Limits;
import dev.corral.runtime.RuntimeConfig;
import dev.corral.runtime.WorkerRuntime;
import dev.corral.runtime.http.HttpEgress;
import dev.corral.storage.ControlStore;
import dev.corral.storage.sqlite.SqliteControlStore;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    private final ControlStore store;
    /** The public listener's routes; the control plane reloads an account's part after each route change. */
    private final LiveRouteTable routes;
    private Channel httpChannel;
    private Channel adminChannel;

    Node(NodeConfig config, JsonLog log) {
        this.config = config;
        this.log = log;
        RuntimeConfig runtimeConfig = RuntimeConfig.defaults().withMemoryLimitBytes((long) config.memoryLimitMb() << 20);
        this.runtime = new WorkerRuntime(runtimeConfig, log, metrics);
        this.store = SqliteControlStore.open(config.dataDir());
        this.routes = new LiveRouteTable(store);
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    void start() throws InterruptedException {
        HttpEgress egress = new HttpEgress(config.allowPrivateEgress());
        Limits limits = Limits.DEFAULT.withCpuMillis(config.cpuMillis());
        InvocationLog invocations = new InvocationLog(metrics, log);
        SecretSealer sealer = SecretSealer.forDataDir(config.dataDir());
        store.putToken(ManagementApi.sha256Hex(config.apiToken()), config.accountId());
        Dispatch dispatch = new Dispatch(runtime, new StoredScripts(store, sealer), store, egress, limits,
                (script, invocation, outcome) -> invocations.finished(script.namespaceId(), script.name(), invocation, outcome),
                routes::reload);
        ControlLimits controlLimits = new ControlLimits(config.maxScriptBytes());
        ControlPlane control = new ControlPlane(store, dispatch, sealer, controlLimits, Clock.systemUTC());
        routes.reload(config.accountId());
        PublicRouter router = new PublicRouter(routes, dispatch, new StandaloneWorkers(config.workers(), runtime, egress, limits, invocations));
        ZonesAndRoutes zones = new ZonesAndRoutes(store, dispatch, Clock.systemUTC());
        ScriptVersions versions = new ScriptVersions(store, dispatch, sealer, controlLimits, Clock.systemUTC());
        ScriptForms forms = ScriptForms.STANDARD;
        ManagementApi api = new ManagementApi(store, List.of(
                new NamespaceEndpoints(control),
                ScriptEndpoints.dispatchNamespace(control),
                new PlainScriptEndpoints(control, zones, forms),
                new AccountEndpoints(),
                new DeploymentEndpoints(control, versions, forms),
                new ScriptRouteEndpoints(zones),
                new WorkersDevEndpoints(control),
                new R2Endpoints(),
                new ZoneEndpoints(zones),
                new WorkerRouteEndpoints(zones)));
        if (config.devPlatform() != null) new DevPlatform(control, zones, config.accountId()).deploy(config.devPlatform());

        httpChannel = bind(config.http(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 64 * 1024),
                        new FrontDoor(router, config.maxBodyBytes(), inFlight));
            }
        });
        adminChannel = bind(config.admin(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_ADMIN_BODY),
                        new AdminHandler(ready::get, metrics, api));
            }
        });
        ready.set(true);
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
        store.close();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
