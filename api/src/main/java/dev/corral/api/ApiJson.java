package dev.corral.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.platform.control.Deployment;
import dev.corral.platform.control.NamespaceView;
import dev.corral.platform.control.ScriptView;
import dev.corral.platform.control.SecretInfo;
import dev.corral.platform.control.VersionMetadata;
import dev.corral.storage.NamespaceRecord;
import dev.corral.storage.ScriptRecord;
import java.util.List;

/** Cloudflare's JSON shapes of namespaces, scripts and secrets. */
public final class ApiJson {
    private ApiJson() {}

    /**
     * The namespace object; {@code created_by}/{@code modified_by} are the account, the only actor Corral knows.
     * {@code corral_egress} ("allow" or "deny") is a Corral addition.
     */
    public static ObjectNode namespace(NamespaceView view) {
        NamespaceRecord ns = view.namespace();
        return Envelope.object()
                .put("namespace_id", ns.id())
                .put("namespace_name", ns.name())
                .put("created_on", ns.createdOn().toString())
                .put("created_by", ns.accountId())
                .put("modified_on", ns.modifiedOn().toString())
                .put("modified_by", ns.accountId())
                .put("script_count", view.scriptCount())
                .put("trusted_workers", ns.trustedWorkers())
                .put("corral_egress", ns.egressAllowed() ? "allow" : "deny");
    }

    /** The Script object: {@code id} is the name, {@code etag} the serving version's id, {@code tag} the script's id. */
    public static ObjectNode script(ScriptView view) {
        ScriptRecord script = view.script();
        VersionMetadata metadata = view.metadata();
        ObjectNode json = Envelope.object()
                .put("id", script.key().name())
                .put("etag", view.version().id())
                .put("tag", script.tag());
        json.set("tags", strings(script.tags()));
        json.set("handlers", strings(metadata.handlers()));
        json.put("created_on", script.createdOn().toString())
                .put("modified_on", script.modifiedOn().toString())
                .put("usage_model", "standard")
                .put("logpush", metadata.logpush())
                .put("has_assets", false)
                .put("has_modules", view.hasModules())
                .put("compatibility_date", metadata.compatibilityDate());
        json.set("compatibility_flags", strings(metadata.compatibilityFlags()));
        json.putNull("migration_tag");
        return json;
    }

    /** The answer to an upload: the Script object with startup time and the new version as {@code deployment_id}. */
    public static ObjectNode uploadResult(Deployment deployment) {
        ObjectNode json = script(deployment.view());
        json.put("startup_time_ms", Math.round(deployment.startup().startupMillis()));
        json.put("deployment_id", deployment.view().deploymentId());
        return json;
    }

    public static ObjectNode secret(SecretInfo secret) {
        return Envelope.object().put("name", secret.name()).put("type", secret.type());
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode array = Envelope.array();
        values.forEach(array::add);
        return array;
    }
}
