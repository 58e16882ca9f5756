package dev.corral.server.clients;

import dev.corral.server.CorralNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a real client (wrangler, or node with an SDK script) as a child process pointed at one Corral node: a closed
 * environment, no standard input, a deadline, and what it printed kept for the assertion messages.
 */
final class Cli {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** wrangler colours its errors whatever NO_COLOR says; assertions read plain text. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Map<String, String> env;
    private final Duration timeout;

    private Cli(Map<String, String> env, Duration timeout) {
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /**
     * A runner whose clients talk to {@code node}'s management API with its dev token. Both wrangler's and the SDK's
     * variables are set; HOME, the XDG config and wrangler's cache live in {@code home} so that no login, cached
     * account or update check from the machine leaks in.
     */
    static Cli against(CorralNode node, Path home) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("WRANGLER_CACHE_DIR", home.resolve("wrangler-cache").toString());
        env.put("CI", "true");
        env.put("WRANGLER_HIDE_BANNER", "true");
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
        // After a failed command wrangler asks the npm registry for a newer version and caches the answer in TMPDIR:
        // a dead loopback port (read through the rc package as npm_registry) keeps that check off the network.
        env.put("npm_registry", "http://127.0.0.1:9/");
        env.put("TMPDIR", home.toString());
        env.put("CLOUDFLARE_API_BASE_URL", node.apiBase().toString());
        env.put("CLOUDFLARE_BASE_URL", node.apiBase().toString());
        env.put("CLOUDFLARE_API_TOKEN", node.apiToken());
        env.put("CLOUDFLARE_ACCOUNT_ID", node.accountId());
        env.put("CORRAL_CLIENTS", Clients.dir().toString());
        return new Cli(env, DEFAULT_TIMEOUT);
    }

    Cli withTimeout(Duration newTimeout) {
        return new Cli(env, newTimeout);
    }

    /** {@code wrangler args...} in the project folder {@code dir}. */
    Result wrangler(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", Clients.wranglerScript().toString()));
        command.addAll(List.of(args));
        return run(dir, command);
    }

    /** {@code node script args...}, from the clients folder so that the script's packages resolve there. */
    Result node(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return run(Clients.dir(), command);
    }

    Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("corral-cli-", ".out");
        Path err = Files.createTempFile("corral-cli-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // wrangler starts esbuild and workerd helpers; a timed-out run must not leave them behind.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(List.copyOf(command), finished ? process.exitValue() : -1, !finished,
                    plain(Files.readString(out, StandardCharsets.UTF_8)), plain(Files.readString(err, StandardCharsets.UTF_8)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String plain(String printed) {
        return ANSI_ESCAPE.matcher(printed).replaceAll("");
    }

    record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {
        /** Both streams: wrangler prints some of its success lines on stderr and some errors on stdout. */
        String output() {
            return stdout + stderr;
        }

        Result succeeded() {
            if (exitCode != 0) throw new AssertionError("expected success from " + this);
            return this;
        }

        Result failed() {
            if (exitCode == 0 || timedOut) throw new AssertionError("expected a clean failure from " + this);
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n exit " + (timedOut ? "none (timed out)" : exitCode)
                    + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
