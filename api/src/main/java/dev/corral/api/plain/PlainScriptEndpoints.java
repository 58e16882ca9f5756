package dev.corral.api.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiCall;
import dev.corral.api.ApiJson;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.ModuleContent;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.TagRules;
import dev.corral.platform.control.ZonesAndRoutes;
import dev.corral.storage.ScriptKey;
import java.util.Set;

/**
 * A plain (non-namespaced) account script, {@code /accounts/{account_id}/workers/scripts/{script_name}}: how a
 * platform deploys its dispatcher and outbound worker with {@code wrangler deploy}, sets their secrets with
 * {@code wrangler secret put --name}, and deletes them. Deleting a script deletes its routes with it.
 */
public final class PlainScriptEndpoints implements Endpoints {
    static final String SCRIPT = "/accounts/{account_id}/workers/scripts/{script_name}";
    /** Cloudflare's non-versioned settings, which {@code wrangler deploy} sets after uploading a version. */
    private static final Set<String> SCRIPT_SETTINGS = Set.of("logpush", "observability", "tail_consumers");

    private final ControlPlane control;
    private final ZonesAndRoutes zones;
    private final ScriptForms forms;

    public PlainScriptEndpoints(ControlPlane control, ZonesAndRoutes zones, ScriptForms forms) {
        this.control = control;
        this.zones = zones;
        this.forms = forms;
    }

    @Override
    public void register(Router router) {
        router.route("PUT", SCRIPT, this::upload)
                .route("GET", SCRIPT, this::content)
                .route("DELETE", SCRIPT, this::delete)
                .route("GET", SCRIPT + "/settings", this::settings)
                .route("PATCH", SCRIPT + "/settings", this::patchSettings)
                .route("GET", SCRIPT + "/script-settings", this::scriptSettings)
                .route("PATCH", SCRIPT + "/script-settings", this::patchScriptSettings)
                .route("PUT", SCRIPT + "/secrets", this::putSecret)
                .route("PATCH", SCRIPT + "/secrets-bulk", this::patchSecrets)
                .route("GET", SCRIPT + "/secrets", this::secrets)
                .route("GET", SCRIPT + "/secrets/{secret_name}", this::secret)
                .route("DELETE", SCRIPT + "/secrets/{secret_name}", this::deleteSecret);
    }

    static ScriptKey key(ApiCall call) {
        return ScriptKey.plain(call.accountId(), call.param("script_name"));
    }

    /**
     * The multipart upload, as for a namespaced script; wrangler adds {@code excludeScript=true} (the answer never
     * carries the script) and {@code bindings_inherit=strict}.
     */
    private ApiResponse upload(ApiCall call) {
        boolean strict = "strict".equals(call.query("bindings_inherit"));
        return Envelope.ok(ApiJson.uploadResult(control.scripts().deploy(key(call), forms.upload(call.request()), strict)));
    }

    /** For a plain script, Cloudflare answers a GET with the script's content rather than a JSON object. */
    private ApiResponse content(ApiCall call) {
        ScriptKey key = key(call);
        return ModuleContent.of(control.scripts().script(key).metadata().entry(), control.scripts().content(key));
    }

    private ApiResponse delete(ApiCall call) {
        control.scripts().delete(key(call), call.queryFlag("force"));
        zones.deleteScriptRoutes(call.accountId(), call.param("script_name"));
        return Envelope.ok(null);
    }

    /** Also what {@code wrangler deploy} asks first, ignoring its 404/10007 for a script not deployed yet. */
    private ApiResponse settings(ApiCall call) {
        return Envelope.ok(control.scripts().settings(key(call)));
    }

    /** A multipart body with a {@code settings} part (the SDK's framing) or a JSON body. */
    private ApiResponse patchSettings(ApiCall call) {
        return Envelope.ok(control.scripts().patchSettings(key(call), forms.settings(call.request())));
    }

    private ApiResponse scriptSettings(ApiCall call) {
        return Envelope.ok(scriptSettingsOf(control.scripts().settings(key(call))));
    }

    /**
     * Body {@code {"tags"?, "logpush"?, "observability"?, "tail_consumers"?}}, as wrangler sends it after each deploy
     * (e.g. {@code {"observability":{"enabled":false},"tags":[]}}). Logpush, observability and tail consumers are
     * version settings in Corral, so changing one makes a new version with the same code; sending what the script
     * already has changes nothing.
     */
    private ApiResponse patchScriptSettings(ApiCall call) {
        JsonNode body = call.jsonBody();
        if (!body.isObject()) {
            throw PlatformException.invalid(10021, "The body must be a JSON object");
        }
        ScriptKey key = key(call);
        ObjectNode current = control.scripts().settings(key);
        ObjectNode versionPatch = Envelope.object();
        for (String field : SCRIPT_SETTINGS) {
            if (body.has(field) && !sameSetting(field, current.get(field), body.get(field))) {
                versionPatch.set(field, body.get(field));
            }
        }
        JsonNode tags = body.get("tags");
        if (tags != null && !tags.isNull()) {
            control.tags().put(key, TagRules.strings(tags, "tags must be an array of strings"));
        }
        if (!versionPatch.isEmpty()) {
            control.scripts().patchSettings(key, versionPatch);
        }
        return Envelope.ok(scriptSettingsOf(control.scripts().settings(key)));
    }

    private ApiResponse putSecret(ApiCall call) {
        return Envelope.ok(ApiJson.secret(control.secrets().put(key(call), call.jsonBody())));
    }

    /** {@code wrangler secret bulk}: a JSON merge patch {@code {"secrets": {NAME: {...} | null}}}. */
    private ApiResponse patchSecrets(ApiCall call) {
        ObjectNode result = Envelope.object();
        control.secrets().patch(key(call), call.jsonBody()).forEach((name, secret) -> result.set(name, ApiJson.secret(secret)));
        return Envelope.ok(result);
    }

    private ApiResponse secrets(ApiCall call) {
        ArrayNode result = Envelope.array();
        control.secrets().list(key(call)).forEach(secret -> result.add(ApiJson.secret(secret)));
        return Envelope.ok(result);
    }

    private ApiResponse secret(ApiCall call) {
        return Envelope.ok(ApiJson.secret(control.secrets().get(key(call), call.param("secret_name"))));
    }

    private ApiResponse deleteSecret(ApiCall call) {
        control.secrets().delete(key(call), call.param("secret_name"));
        return Envelope.ok(null);
    }

    private static ObjectNode scriptSettingsOf(ObjectNode settings) {
        ObjectNode result = Envelope.object();
        result.set("logpush", settings.get("logpush"));
        result.set("observability", settings.get("observability"));
        result.set("tags", settings.get("tags"));
        result.set("tail_consumers", settings.get("tail_consumers"));
        return result;
    }

    /**
     * Whether {@code sent} leaves the setting as it is. Absent values count as off: observability {@code null} and
     * {@code {"enabled": false}}, logpush {@code null} and {@code false}, no tail consumers and {@code []}. Without
     * this, every deploy would make a second version only to store the same "off" differently.
     */
    private static boolean sameSetting(String field, JsonNode current, JsonNode sent) {
        return off(field, current) && off(field, sent) || String.valueOf(current).equals(String.valueOf(sent));
    }

    private static boolean off(String field, JsonNode value) {
        if (value == null || value instanceof NullNode) {
            return true;
        }
        return switch (field) {
            case "observability" -> value.size() == 1 && value.path("enabled").isBoolean() && !value.get("enabled").asBoolean();
            case "logpush" -> value.isBoolean() && !value.asBoolean();
            default -> value.isArray() && value.isEmpty();
        };
    }

}
