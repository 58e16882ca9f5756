package dev.corral.server;

import dev.corral.runtime.WorkerScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a worker from disk for {@code serve --worker FILE}: the file is the main module, and every other file in its
 * folder becomes a module named by its relative path, typed by extension as wrangler does (.js/.mjs ES modules,
 * .txt/.html text, .bin data, .json JSON, .wasm WebAssembly).
 */
final class WorkerFiles {
    private static final Pattern ESM_SYNTAX = Pattern.compile("(?m)^\\s*(export\\s|import\\s*[\\w{*'\"])");

    private WorkerFiles() {}

    static WorkerScript load(String workerName, Path mainFile) {
        Path folder = mainFile.toAbsolutePath().getParent();
        Map<String, WorkerScript.Module> modules = new LinkedHashMap<>();
        try {
            String mainName = folder.relativize(mainFile.toAbsolutePath()).toString();
            byte[] mainSource = Files.readAllBytes(mainFile);
            modules.put(mainName, new WorkerScript.Module(mainName, WorkerScript.ModuleType.ESM, mainSource));
            try (Stream<Path> files = Files.walk(folder, 4)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = folder.relativize(file).toString();
                    WorkerScript.ModuleType type = typeOf(name);
                    if (type != null && !modules.containsKey(name)) modules.put(name, new WorkerScript.Module(name, type, Files.readAllBytes(file)));
                }
            }
            WorkerScript.Syntax syntax = ESM_SYNTAX.matcher(new String(mainSource, java.nio.charset.StandardCharsets.UTF_8)).find()
                    ? WorkerScript.Syntax.MODULES : WorkerScript.Syntax.SERVICE_WORKER;
            return new WorkerScript(workerName + "@" + digest(modules), syntax, mainName, modules, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read worker " + mainFile, e);
        }
    }

    private static WorkerScript.ModuleType typeOf(String name) {
        if (name.endsWith(".js") || name.endsWith(".mjs")) return WorkerScript.ModuleType.ESM;
        if (name.endsWith(".txt") || name.endsWith(".html")) return WorkerScript.ModuleType.TEXT;
        if (name.endsWith(".bin")) return WorkerScript.ModuleType.DATA;
        if (name.endsWith(".json")) return WorkerScript.ModuleType.JSON;
        if (name.endsWith(".wasm")) return WorkerScript.ModuleType.WASM;
        return null;
    }

    private static String digest(Map<String, WorkerScript.Module> modules) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (WorkerScript.Module module : modules.values()) {
                sha.update(module.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(module.content());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
