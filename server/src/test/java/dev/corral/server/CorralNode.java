package dev.corral.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Corral node in its own JVM, started the way an operator starts one ({@code Main serve}), on free ports.
 * Running it out of process lets tests assert that the node survived: a memory bomb that kills the JVM kills this
 * process, not the test.
 */
public final class CorralNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path dataDir;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private URI http;
    private URI admin;
    private String accountId;

    private CorralNode(List<String> command, Path dataDir) throws IOException {
        this.dataDir = dataDir;
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "corral-node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code corral serve} with the given extra arguments, and waits until it is ready. */
    public static CorralNode start(String... serveArgs) throws Exception {
        Path data = Files.createTempDirectory("corral-test-");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx512m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve",
                "--data", data.toString(), "--http", "127.0.0.1:0", "--admin", "127.0.0.1:0"));
        command.addAll(List.of(serveArgs));
        CorralNode node = new CorralNode(command, data);
        JsonNode line;
        try {
            line = node.ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException("node did not start:\n" + String.join("\n", node.output), e);
        }
        node.http = URI.create(line.get("http").asText());
        node.admin = URI.create(line.get("admin").asText());
        node.accountId = line.path("account_id").asText();
        return node;
    }

    /** The path of a test worker shipped in src/test/resources/workers. */
    static Path worker(String file) {
        try {
            return Path.of(CorralNode.class.getResource("/workers/" + file).toURI());
        } catch (Exception e) {
            throw new IllegalArgumentException("no test worker " + file, e);
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                if (line.contains("\"corral ready\"")) ready.complete(JSON.readTree(line));
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("node exited"));
    }

    public URI http() {
        return http;
    }

    public URI admin() {
        return admin;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The Cloudflare v4 management API, as clients take it in CLOUDFLARE_API_BASE_URL: {@code <admin>/client/v4}. */
    public URI apiBase() {
        return URI.create(admin.toString().replaceAll("/+$", "") + "/client/v4");
    }

    /** The development API token the node wrote to {@code <data>/dev-token} on first start. */
    public String apiToken() throws IOException {
        return Files.readString(dataDir.resolve("dev-token"), StandardCharsets.UTF_8).strip();
    }

    /** The account the node serves, as its ready line names it. */
    public String accountId() {
        return accountId;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The node's resident memory, from /proc. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new IOException("no VmRSS");
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** A request to the worker named {@code worker} (routed by the Host header's first label). */
    HttpRequest.Builder request(String worker, String pathAndQuery) {
        return HttpRequest.newBuilder(http.resolve(pathAndQuery))
                .header("Host", worker + ".corral.test")
                .timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String worker, String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(request(worker, pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient client() {
        return CLIENT;
    }

    /** Sends SIGTERM and waits for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) process.destroyForcibly();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
