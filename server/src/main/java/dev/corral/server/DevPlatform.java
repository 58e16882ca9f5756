package dev.corral.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.UploadedModule;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.ModuleKinds;
import dev.corral.platform.control.NamespaceChange;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ZoneRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Deploys a platform folder (examples/platform) through the control plane, as {@code corral dev} does at start: its
 * dispatch namespace, outbound worker, dispatcher, user workers, zone and routes, described by {@code platform.json}
 * (examples/platform/README.md documents the manifest). It goes through the same validation as an API upload, and
 * running it again on the same data directory changes nothing: identical uploads make identical versions.
 */
final class DevPlatform {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlPlane control;
    private final ZonesAndRoutes zones;
    private final String accountId;

    DevPlatform(ControlPlane control, ZonesAndRoutes zones, String accountId) {
        this.control = control;
        this.zones = zones;
        this.accountId = accountId;
    }

    void deploy(Path folder) {
        JsonNode manifest = read(folder.resolve("platform.json"));
        String namespace = manifest.path("namespace").asText();
        if (control.namespaces().list(accountId).stream().noneMatch(ns -> ns.namespace().name().equals(namespace))) {
            control.namespaces().create(accountId, NamespaceChange.named(namespace));
        }
        deployPlain(folder, manifest.path("outbound"));
        deployPlain(folder, manifest.path("dispatcher"));
        for (JsonNode tenant : manifest.path("tenants")) {
            ScriptKey key = control.namespacedScript(accountId, namespace, tenant.path("script").asText());
            control.scripts().deploy(key, upload(folder.resolve(tenant.path("dir").asText()), tenant, true), false);
        }
        route(manifest.path("zone").asText(), manifest.path("dispatcher").path("script").asText(), manifest.path("routes"));
    }

    private void deployPlain(Path folder, JsonNode script) {
        if (script.isMissingNode()) return;
        Path main = folder.resolve(script.path("file").asText());
        ObjectNode spec = script.deepCopy();
        spec.put("main", main.getFileName().toString());
        control.scripts().deploy(ScriptKey.plain(accountId, script.path("script").asText()), upload(main.getParent(), spec, false), false);
    }

    /**
     * A wrangler-style upload: the main module, plus every other module file in its folder when the folder is the
     * worker's own (a tenant's), not one shared by several workers (the platform's).
     */
    private static ScriptUpload upload(Path dir, JsonNode spec, boolean wholeFolder) {
        ObjectNode metadata = JSON.createObjectNode();
        String main = spec.path("main").asText("index.js");
        metadata.put("main_module", main);
        metadata.put("compatibility_date", spec.path("compatibility_date").asText("2025-01-01"));
        metadata.set("bindings", spec.has("bindings") ? spec.get("bindings") : JSON.createArrayNode());
        if (spec.has("tags")) metadata.set("tags", spec.get("tags"));
        if (spec.has("limits")) metadata.set("limits", spec.get("limits"));
        List<UploadedModule> modules = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                Optional<String> type = ModuleKinds.ofFileName(name);
                if (type.isPresent() && (name.equals(main) || wholeFolder)) {
                    modules.add(new UploadedModule(name, type.get(), Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return new ScriptUpload(metadata, modules);
    }

    private void route(String zoneName, String script, JsonNode patterns) {
        ZoneRecord zone = zones.zones(accountId).stream().filter(z -> z.name().equals(zoneName)).findFirst()
                .orElseGet(() -> zones.createZone(accountId, zoneName, null));
        ArrayNode wanted = patterns.isArray() ? (ArrayNode) patterns : JSON.createArrayNode();
        for (JsonNode pattern : wanted) {
            boolean exists = zones.routes(accountId, zone.id()).stream().anyMatch(r -> r.pattern().equals(pattern.asText()));
            if (!exists) zones.createRoute(accountId, zone.id(), pattern.asText(), script);
        }
    }

    private static JsonNode read(Path manifest) {
        try {
            return JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform manifest " + manifest, e);
        }
    }
}
