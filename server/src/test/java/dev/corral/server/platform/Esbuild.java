package dev.corral.server.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Strips TypeScript types the way wrangler's bundler does, with the esbuild that the real clients install
 * (clients/node_modules, from clients/install), or one on the PATH.
 */
final class Esbuild {
    private final Path executable;

    private Esbuild(Path executable) {
        this.executable = executable;
    }

    /** The esbuild of the checkout's clients, else of the PATH; empty when there is neither. */
    static Optional<Esbuild> find() {
        String clients = System.getProperty("corral.clients");
        if (clients != null) {
            Path local = Path.of(clients).resolve("node_modules/.bin/esbuild");
            if (Files.isExecutable(local)) return Optional.of(new Esbuild(local));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "esbuild");
            if (Files.isExecutable(candidate)) return Optional.of(new Esbuild(candidate));
        }
        return Optional.empty();
    }

    /** The module with its types removed, as an ES module. */
    String stripTypes(String typescript) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString(), "--format=esm", "--loader=ts").start();
        process.getOutputStream().write(typescript.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("esbuild failed: " + errors);
        }
        return output;
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
