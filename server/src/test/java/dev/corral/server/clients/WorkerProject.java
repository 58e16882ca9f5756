package dev.corral.server.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A wrangler project in a fresh temporary folder: its config and source files, written as a test names them. */
final class WorkerProject {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private WorkerProject(Path dir) {
        this.dir = dir;
    }

    static WorkerProject create(String name) throws IOException {
        return new WorkerProject(Files.createTempDirectory("corral-project-" + name + "-"));
    }

    /** Writes {@code content} to {@code relative}, replacing what was there (a redeploy changes code this way). */
    WorkerProject file(String relative, String content) throws IOException {
        Path target = path(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8);
        return this;
    }

    WorkerProject wranglerToml(String toml) throws IOException {
        return file("wrangler.toml", toml);
    }

    WorkerProject json(String relative, Object value) throws IOException {
        return file(relative, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    Path dir() {
        return dir;
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }
}
