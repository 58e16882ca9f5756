package dev.corral.server.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The real clients pinned in the repository's {@code clients/} folder, and whether this run may use them. */
final class Clients {
    private Clients() {
    }

    /** The {@code clients/} folder: from the build (surefire sets it), else found above the working directory. */
    static Path dir() {
        String configured = System.getProperty("corral.clients");
        if (configured != null) return Path.of(configured);
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("clients/package.json"))) return at.resolve("clients");
        }
        throw new IllegalStateException("no clients/package.json above " + Path.of("").toAbsolutePath());
    }

    static Path wranglerScript() {
        return dir().resolve("node_modules/wrangler/bin/wrangler.js");
    }

    /**
     * Skips the calling test class when the clients are not installed on a developer's machine, but fails it in CI,
     * where .ci/run installs them and a skip would hide that the clients never ran.
     */
    static void requireInstalled() {
        Path modules = dir().resolve("node_modules");
        boolean installed = Files.isRegularFile(wranglerScript())
                && Files.isDirectory(modules.resolve("cloudflare"))
                && Files.isDirectory(modules.resolve("cloudflare7"));
        if (installed) return;
        String advice = "the real clients are not installed in " + modules + "; run clients/install";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(advice + " (CI must run the client tests)");
        Assumptions.abort(advice + " to run the client tests");
    }
}
