package dev.corral.api.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiCall;
import dev.corral.api.ApiJson;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.ScriptVersions;
import dev.corral.platform.control.ScriptVersions.UploadedVersion;
import dev.corral.platform.control.ScriptView;
import dev.corral.platform.control.VersionMetadata;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What {@code wrangler deploy} reads and writes around the upload of a plain script: its service
 * ({@code /workers/services/{name}}, whose absence with code 10007 marks a first deploy), and for a script that exists,
 * a new version and the deployment that makes it serve. Corral
 * keeps no deployment history: a script's deployment is the one that sends all its traffic to the version it serves.
 */
public final class DeploymentEndpoints implements Endpoints {
    private static final String SCRIPT = PlainScriptEndpoints.SCRIPT;
    private static final String ENVIRONMENT = "production";

    private final ControlPlane control;
    private final ScriptVersions versions;
    private final ScriptForms forms;

    public DeploymentEndpoints(ControlPlane control, ScriptVersions versions, ScriptForms forms) {
        this.control = control;
        this.versions = versions;
        this.forms = forms;
    }

    @Override
    public void register(Router router) {
        router.route("GET", "/accounts/{account_id}/workers/services/{script_name}", this::service)
                .route("POST", SCRIPT + "/versions", this::uploadVersion)
                .route("GET", SCRIPT + "/deployments", this::deployments)
                .route("POST", SCRIPT + "/deployments", this::deploy);
    }

    /**
     * The service object wrangler reads {@code default_environment.script.{tag, tags, last_deployed_from}} from.
     * {@code last_deployed_from} is always {@code wrangler}: Corral does not record the client, and "dash" or "api"
     * would make wrangler download a dashboard configuration or ask for confirmation.
     */
    private ApiResponse service(ApiCall call) {
        ScriptView view = control.scripts().script(PlainScriptEndpoints.key(call));
        String created = view.script().createdOn().toString();
        String modified = view.script().modifiedOn().toString();
        ObjectNode script = ApiJson.script(view).put("last_deployed_from", "wrangler");
        ObjectNode environment = Envelope.object().put("environment", ENVIRONMENT)
                .put("created_on", created).put("modified_on", modified);
        ObjectNode service = Envelope.object().put("id", view.script().key().name());
        service.set("default_environment", environment.deepCopy().set("script", script));
        service.put("created_on", created).put("modified_on", modified).put("usage_model", "standard");
        service.putArray("environments").add(environment);
        return Envelope.ok(service);
    }

    /** The multipart upload of a version that serves nothing until a deployment names it. */
    private ApiResponse uploadVersion(ApiCall call) {
        boolean strict = "strict".equals(call.query("bindings_inherit"));
        return Envelope.ok(version(versions.upload(PlainScriptEndpoints.key(call), forms.upload(call.request()), strict)));
    }

    private ApiResponse deployments(ApiCall call) {
        ObjectNode result = Envelope.object();
        result.putArray("deployments").add(deployment(control.scripts().script(PlainScriptEndpoints.key(call))));
        return Envelope.ok(result);
    }

    /**
     * Body {@code {"strategy": "percentage", "versions": [{"version_id", "percentage": 100}], "annotations"?}}: only a
     * deployment of one version at 100% is possible, since Corral does not split a script's traffic.
     */
    private ApiResponse deploy(ApiCall call) {
        JsonNode body = call.jsonBody();
        String strategy = body.path("strategy").asText("percentage");
        JsonNode chosen = body.path("versions");
        if (!strategy.equals("percentage") || !chosen.isArray() || chosen.size() != 1
                || chosen.get(0).path("percentage").asDouble(-1) != 100) {
            throw PlatformException.invalid(10021, "Corral deploys one version to 100% of traffic: send "
                    + "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":...,\"percentage\":100}]}; "
                    + "gradual deployments over several versions are not supported");
        }
        ScriptView deployed = versions.deploy(PlainScriptEndpoints.key(call), chosen.get(0).path("version_id").asText(null));
        return Envelope.ok(deployment(deployed));
    }

    /**
     * Cloudflare's version object as wrangler reads it after an upload ({@code id}, {@code resources.script.etag},
     * {@code startup_time_ms}). Corral does not number versions, so {@code number} is null.
     */
    private static ObjectNode version(UploadedVersion uploaded) {
        VersionMetadata metadata = uploaded.metadata();
        String created = uploaded.version().createdOn().toString();
        ObjectNode version = Envelope.object().put("id", uploaded.versionUuid());
        version.putNull("number");
        version.putObject("metadata").put("created_on", created).put("modified_on", created).put("source", "wrangler")
                .put("author_id", "").put("author_email", "");
        ObjectNode resources = version.putObject("resources");
        ObjectNode script = resources.putObject("script").put("etag", uploaded.version().id());
        script.set("handlers", ApiJson.strings(metadata.handlers()));
        script.put("last_deployed_from", "wrangler");
        ObjectNode runtime = resources.putObject("script_runtime")
                .put("compatibility_date", metadata.compatibilityDate())
                .put("usage_model", "standard");
        runtime.set("compatibility_flags", ApiJson.strings(metadata.compatibilityFlags()));
        runtime.set("limits", metadata.limits());
        ArrayNode bindings = resources.putArray("bindings");
        metadata.bindings().forEach(bindings::add);
        version.put("startup_time_ms", Math.round(uploaded.startup().startupMillis()));
        return version;
    }

    /** A deployment is named by its script and version, so showing the same one twice gives the same id. */
    private static ObjectNode deployment(ScriptView view) {
        String identity = view.script().tag() + "/" + view.version().id();
        ObjectNode deployment = Envelope.object()
                .put("id", UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
                .put("created_on", view.script().modifiedOn().toString())
                .put("source", "wrangler")
                .put("strategy", "percentage")
                .put("author_email", "");
        deployment.putObject("annotations");
        ArrayNode versionList = deployment.putArray("versions");
        versionList.addObject().put("version_id", view.deploymentId()).put("percentage", 100);
        return deployment;
    }
}
