package dev.corral.runtime.http;

import dev.corral.runtime.Egress;
import dev.corral.runtime.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final ExecutorService bodyReaders = Executors.newVirtualThreadPerTaskExecutor();

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
        return allowed.thenCompose(ignored -> client.sendAsync(toJdk(uri, request), HttpResponse.BodyHandlers.ofInputStream()))
                .thenApply(this::fromJdk);
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
            case Body.Stream s -> HttpRequest.BodyPublishers.ofInputStream(() -> new PipeInputStream(s.pipe()));
        };
        return builder.method(request.method(), publisher).build();
    }

    private WorkerResponse fromJdk(HttpResponse<InputStream> response) {
        HeaderList.Builder headers = HeaderList.builder();
        HttpHeaders jdkHeaders = response.headers();
        jdkHeaders.map().forEach((name, values) -> {
            if (!name.startsWith(":")) values.forEach(value -> headers.add(name, value));
        });
        BodyPipe pipe = new BodyPipe();
        bodyReaders.execute(() -> copy(response.body(), pipe));
        return new WorkerResponse(response.statusCode(), "", headers.build(), new Body.Stream(pipe));
    }

    /**
     * Copies a response body into a pipe on a virtual thread, waiting for room before each read, so a slow reader
     * slows the socket instead of filling memory. Closing the stream when the reader gives up aborts the exchange.
     */
    private static void copy(InputStream in, BodyPipe pipe) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (n > 0) pipe.write(java.util.Arrays.copyOf(buffer, n)).join();
            }
            pipe.close();
        } catch (IOException | java.util.concurrent.CompletionException e) {
            pipe.fail(e);
        }
    }
}
