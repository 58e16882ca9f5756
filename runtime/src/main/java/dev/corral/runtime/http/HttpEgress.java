package dev.corral.runtime.http;

import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker's {@code fetch()} to the real network: one hop over the JDK HTTP client, which pools connections and speaks
 * HTTP/1.1 and HTTP/2. Bodies stream both ways through {@link BodyPipe}s, with backpressure.
 *
 * <p>Unless private networks are allowed, a request to a loopback, private, link-local or unspecified address is
 * refused, so a tenant cannot reach the node's own admin listener or the platform's internal services. The check
 * resolves the name before the client connects; the client resolves again, so a DNS answer that changes in between
 * could slip through. Closing that gap needs a resolver shared with the client.
 */
public final class HttpEgress implements Egress {
    /** Hop-by-hop and framing headers: the client sets these itself and refuses them from callers. */
    private static final Set<String> UNFORWARDED = Set.of("connection", "content-length", "host", "keep-alive",
            "transfer-encoding", "upgrade", "expect", "te", "trailer", "proxy-connection", "http2-settings");

    private final HttpClient client;
    private final boolean allowPrivateNetworks;
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();

    public HttpEgress(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Override
    public CompletableFuture<WorkerResponse> fetch(WorkerRequest request, Invocation caller) {
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Invalid URL: " + request.url()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Fetch API cannot load: " + request.url()));
        }
        CompletableFuture<Void> allowed = allowPrivateNetworks
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> checkPublic(uri.getHost()), resolver);
        return allowed.thenCompose(ignored -> client.sendAsync(toJdk(uri, request), HttpResponse.BodyHandlers.ofPublisher()))
                .thenApply(HttpEgress::fromJdk);
    }

    private static void checkPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || isUniqueLocal(address)) {
                    throw new IllegalArgumentException("Fetch to a private network address is not allowed: " + host);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Could not resolve host: " + host);
        }
    }

    /** IPv6 unique local addresses (fc00::/7), which Java does not count as site-local. */
    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private static HttpRequest toJdk(URI uri, WorkerRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        request.headers().forEach((name, value) -> {
            if (!UNFORWARDED.contains(name)) builder.header(name, value);
        });
        HttpRequest.BodyPublisher publisher = switch (request.body()) {
            case Body.Empty e -> HttpRequest.BodyPublishers.noBody();
            case Body.Bytes b -> HttpRequest.BodyPublishers.ofByteArray(b.bytes());
            case Body.Stream s -> HttpRequest.BodyPublishers.fromPublisher(new PipePublisher(s.pipe()));
        };
        return builder.method(request.method(), publisher).build();
    }

    private static WorkerResponse fromJdk(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        HeaderList.Builder headers = HeaderList.builder();
        HttpHeaders jdkHeaders = response.headers();
        jdkHeaders.map().forEach((name, values) -> {
            if (!name.startsWith(":")) values.forEach(value -> headers.add(name, value));
        });
        BodyPipe pipe = new BodyPipe();
        response.body().subscribe(new PipeSubscriber(pipe));
        return new WorkerResponse(response.statusCode(), "", headers.build(), new Body.Stream(pipe));
    }

    /** Feeds a response body into a pipe, asking for the next buffers only once the pipe has room. */
    private static final class PipeSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
        private final BodyPipe pipe;
        private Flow.Subscription subscription;

        PipeSubscriber(BodyPipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            int size = 0;
            for (ByteBuffer buffer : buffers) size += buffer.remaining();
            byte[] chunk = new byte[size];
            int offset = 0;
            for (ByteBuffer buffer : buffers) {
                int n = buffer.remaining();
                buffer.get(chunk, offset, n);
                offset += n;
            }
            pipe.write(chunk).whenComplete((ok, error) -> {
                if (error != null) subscription.cancel();
                else subscription.request(1);
            });
        }

        @Override
        public void onError(Throwable error) {
            pipe.fail(error);
        }

        @Override
        public void onComplete() {
            pipe.close();
        }
    }

    /** Publishes a request body from a pipe, one chunk per demand. */
    private static final class PipePublisher implements Flow.Publisher<ByteBuffer> {
        private final BodyPipe pipe;
        private final AtomicBoolean subscribed = new AtomicBoolean();

        PipePublisher(BodyPipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            if (!subscribed.compareAndSet(false, true)) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    public void request(long n) {}

                    public void cancel() {}
                });
                subscriber.onError(new IllegalStateException("a streamed body can be sent once"));
                return;
            }
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicBoolean reading = new AtomicBoolean();
                private long demand;
                private volatile boolean cancelled;

                @Override
                public synchronized void request(long n) {
                    demand += n;
                    pump();
                }

                private void pump() {
                    if (cancelled || demand <= 0 || !reading.compareAndSet(false, true)) return;
                    pipe.read().whenComplete((chunk, error) -> {
                        reading.set(false);
                        if (error != null) {
                            subscriber.onError(error);
                        } else if (chunk == null) {
                            subscriber.onComplete();
                        } else {
                            synchronized (this) {
                                demand--;
                            }
                            subscriber.onNext(ByteBuffer.wrap(chunk));
                            synchronized (this) {
                                pump();
                            }
                        }
                    });
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    pipe.cancel(new IllegalStateException("the request body was not wanted"));
                }
            });
        }
    }
}
