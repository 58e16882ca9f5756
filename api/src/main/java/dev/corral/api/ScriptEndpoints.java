package dev.corral.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.multipart.UploadForms;
import dev.corral.platform.PlatformException;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.ModuleFile;
import dev.corral.platform.control.ScriptOperations;
import dev.corral.platform.control.ScriptPage;
import dev.corral.platform.control.ScriptView;
import dev.corral.platform.control.TagRules;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dispatch namespace's scripts and their parts, under {@code /workers/dispatch/namespaces/{ns}/scripts}: upload,
 * get, delete, list and bulk delete by tags, content, settings, bindings, secrets and tags. The account's plain
 * scripts have their own endpoints ({@code api.plain.PlainScriptEndpoints}), since wrangler expects them to answer
 * differently.
 */
public final class ScriptEndpoints implements Endpoints {
    private static final String COLLECTION = "/accounts/{account_id}/workers/dispatch/namespaces/{dispatch_namespace}/scripts";

    private final ControlPlane control;
    private final ScriptScope scope;

    public ScriptEndpoints(ControlPlane control) {
        this.control = control;
        this.scope = ScriptScope.dispatchNamespace(control);
    }

    @Override
    public void register(Router router) {
        String one = COLLECTION + "/{script_name}";
        router.route("GET", COLLECTION, this::list)
                .route("DELETE", COLLECTION, this::deleteMatching)
                .route("PUT", one, this::upload)
                .route("GET", one, this::get)
                .route("DELETE", one, this::delete)
                .route("GET", one + "/content", this::content)
                .route("PUT", one + "/content", this::putContent)
                .route("GET", one + "/settings", this::settings)
                .route("PATCH", one + "/settings", this::patchSettings)
                .route("GET", one + "/bindings", call -> Envelope.ok(scripts().bindings(scope.key(call))))
                .route("PUT", one + "/secrets", call -> Envelope.ok(ApiJson.secret(control.secrets().put(scope.key(call), call.jsonBody()))))
                .route("GET", one + "/secrets", this::secrets)
                .route("GET", one + "/secrets/{secret_name}", call -> Envelope.ok(ApiJson.secret(
                        control.secrets().get(scope.key(call), secretName(call)))))
                .route("DELETE", one + "/secrets/{secret_name}", call -> {
                    control.secrets().delete(scope.key(call), secretName(call));
                    return Envelope.ok(null);
                })
                .route("PATCH", one + "/secrets-bulk", this::patchSecrets)
                .route("GET", one + "/tags", call -> Envelope.ok(ApiJson.strings(control.tags().get(scope.key(call)))))
                .route("PUT", one + "/tags", this::putTags)
                .route("PUT", one + "/tags/{tag}", call -> Envelope.ok(ApiJson.strings(control.tags().add(scope.key(call), call.param("tag")))))
                .route("DELETE", one + "/tags/{tag}", call -> {
                    control.tags().remove(scope.key(call), call.param("tag"));
                    return Envelope.ok(null);
                });
    }

    private ScriptOperations scripts() {
        return control.scripts();
    }

    private ApiResponse upload(ApiCall call) {
        var upload = UploadForms.scriptUpload(call.request().header("content-type"), call.request().body(), call.request().headers());
        boolean strict = "strict".equals(call.query("bindings_inherit"));
        return Envelope.ok(ApiJson.uploadResult(scripts().deploy(scope.key(call), upload, strict)));
    }

    private ApiResponse get(ApiCall call) {
        ScriptView view = scripts().script(scope.key(call));
        ObjectNode result = Envelope.object()
                .put("created_on", view.script().createdOn().toString())
                .put("modified_on", view.script().modifiedOn().toString());
        result.put("dispatch_namespace", call.param("dispatch_namespace"));
        result.set("script", ApiJson.script(view));
        return Envelope.ok(result);
    }

    private ApiResponse delete(ApiCall call) {
        scripts().delete(scope.key(call), call.queryFlag("force"));
        return Envelope.ok(null);
    }

    private ApiResponse list(ApiCall call) {
        int limit = pageSize(call.query("limit"));
        ScriptPage page = scripts().list(call.accountId(), scope.namespaceId(call), TagRules.parseFilter(call.query("tags")),
                call.query("cursor"), limit);
        ArrayNode result = Envelope.array();
        page.scripts().forEach(view -> result.add(ApiJson.script(view)));
        ObjectNode info = Envelope.object().put("count", page.scripts().size()).put("per_page", limit).put("cursor", page.nextCursor());
        return Envelope.okList(result, info);
    }

    private ApiResponse deleteMatching(ApiCall call) {
        String tags = call.query("tags");
        if (tags == null || tags.isBlank()) {
            throw PlatformException.invalid(10021, "A bulk delete needs a tags filter, such as ?tags=customer-123:yes");
        }
        List<String> deleted = scripts().deleteMatching(call.accountId(), scope.namespaceId(call), TagRules.parseFilter(tags));
        return Envelope.ok(Envelope.object().set("deleted", ApiJson.strings(deleted)));
    }

    /** One module comes back as itself; several as a multipart body with one part per module, as Cloudflare does. */
    private ApiResponse content(ApiCall call) {
        List<ModuleFile> modules = scripts().content(scope.key(call));
        if (modules.size() == 1) {
            ModuleFile only = modules.get(0);
            return new ApiResponse(200, Map.of("Content-Type", only.contentType()), only.content());
        }
        MultipartWriter writer = new MultipartWriter();
        modules.forEach(module -> writer.part(module.name(), module.contentType(), module.content()));
        byte[] body = writer.finish();
        return new ApiResponse(200, Map.of("Content-Type", writer.contentType()), body);
    }

    private ApiResponse putContent(ApiCall call) {
        var upload = UploadForms.scriptUpload(call.request().header("content-type"), call.request().body(), call.request().headers());
        return Envelope.ok(ApiJson.uploadResult(scripts().putContent(scope.key(call), upload)));
    }

    private ApiResponse settings(ApiCall call) {
        return Envelope.ok(scripts().settings(scope.key(call)));
    }

    private ApiResponse patchSettings(ApiCall call) {
        ObjectNode patch = UploadForms.settingsPatch(call.request().header("content-type"), call.request().body());
        return Envelope.ok(scripts().patchSettings(scope.key(call), patch));
    }

    private ApiResponse secrets(ApiCall call) {
        ArrayNode result = Envelope.array();
        control.secrets().list(scope.key(call)).forEach(secret -> result.add(ApiJson.secret(secret)));
        return Envelope.ok(result);
    }

    private ApiResponse patchSecrets(ApiCall call) {
        ObjectNode result = Envelope.object();
        control.secrets().patch(scope.key(call), call.jsonBody()).forEach((name, secret) -> result.set(name, ApiJson.secret(secret)));
        return Envelope.ok(result);
    }

    private ApiResponse putTags(ApiCall call) {
        JsonNode body = call.jsonBody();
        if (!body.isArray()) throw PlatformException.invalid(10021, "Tags must be a JSON array of strings");
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : body) {
            if (!tag.isTextual()) throw PlatformException.invalid(10021, "Tags must be a JSON array of strings");
            tags.add(tag.asText());
        }
        return Envelope.ok(ApiJson.strings(control.tags().put(scope.key(call), tags)));
    }

    /** With {@code ?url_encoded=true} the secret's name in the path is URL-encoded once more. */
    private static String secretName(ApiCall call) {
        String name = call.param("secret_name");
        return call.queryFlag("url_encoded") ? URLDecoder.decode(name, StandardCharsets.UTF_8) : name;
    }

    private static int pageSize(String limit) {
        if (limit == null) return ScriptOperations.DEFAULT_PAGE_SIZE;
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= ScriptOperations.MAX_PAGE_SIZE) return value;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw PlatformException.invalid(10021, "limit must be a whole number from 1 to " + ScriptOperations.MAX_PAGE_SIZE);
    }
}
