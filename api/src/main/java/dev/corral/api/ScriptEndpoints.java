package dev.corral.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.multipart.UploadForms;
import dev.corral.platform.PlatformException;
import dev.corral.platform.ScriptUpload;
import dev.corral.platform.control.ControlPlane;
import dev.corral.platform.control.ModuleFile;
import dev.corral.platform.control.ScriptOperations;
import dev.corral.platform.control.ScriptPage;
import dev.corral.platform.control.ScriptView;
import dev.corral.platform.control.TagRules;
import dev.corral.storage.ScriptKey;
import java.util.List;
import java.util.Map;

/**
 * The script endpoints of Cloudflare's v4 API under a prefix, for dispatch namespaces
 * ({@link #dispatchNamespace}) by default. The handlers are public so that the plain-scripts API can route the ones
 * whose shape it shares.
 */
public final class ScriptEndpoints implements Endpoints {
    public static final String NAMESPACED_PREFIX = NamespaceEndpoints.PATH + "/{dispatch_namespace}/scripts";

    private final ControlPlane control;
    private final String prefix;
    private final ScriptScope scope;

    /**
     * @param prefix the path of the script collection, e.g. {@link #NAMESPACED_PREFIX}; scripts are at
     *               {@code prefix/{script_name}}.
     */
    public ScriptEndpoints(ControlPlane control, String prefix, ScriptScope scope) {
        this.control = control;
        this.prefix = prefix;
        this.scope = scope;
    }

    /** The endpoints of scripts in dispatch namespaces. */
    public static ScriptEndpoints dispatchNamespace(ControlPlane control) {
        return new ScriptEndpoints(control, NAMESPACED_PREFIX, ScriptScope.dispatchNamespace(control));
    }

    @Override
    public void register(Router router) {
        String script = prefix + "/{script_name}";
        router.route("GET", prefix, this::list)
                .route("DELETE", prefix, this::deleteMatching)
                .route("PUT", script, this::upload)
                .route("GET", script, this::get)
                .route("DELETE", script, this::delete)
                .route("GET", script + "/content", this::content)
                .route("PUT", script + "/content", this::putContent)
                .route("GET", script + "/settings", this::settings)
                .route("PATCH", script + "/settings", this::patchSettings)
                .route("GET", script + "/bindings", this::bindings)
                .route("PUT", script + "/secrets", this::putSecret)
                .route("GET", script + "/secrets", this::secrets)
                .route("GET", script + "/secrets/{secret_name}", this::secret)
                .route("DELETE", script + "/secrets/{secret_name}", this::deleteSecret)
                .route("PATCH", script + "/secrets-bulk", this::patchSecrets)
                .route("GET", script + "/tags", this::tags)
                .route("PUT", script + "/tags", this::putTags)
                .route("PUT", script + "/tags/{tag}", this::addTag)
                .route("DELETE", script + "/tags/{tag}", this::removeTag);
    }

    /** Multipart upload; {@code ?bindings_inherit=strict} makes unresolvable inherit bindings an error. */
    public ApiResponse upload(ApiCall call) {
        ScriptKey key = scope.key(call);
        ScriptUpload upload = UploadForms.scriptUpload(call.request().header("content-type"), call.request().body(),
                call.request().headers());
        boolean strict = "strict".equals(call.query("bindings_inherit"));
        return Envelope.ok(ApiJson.uploadResult(control.scripts().deploy(key, upload, strict)));
    }

    /** {@code {created_on, modified_on, dispatch_namespace, script}}. */
    public ApiResponse get(ApiCall call) {
        ScriptView view = control.scripts().script(scope.key(call));
        ObjectNode result = Envelope.object()
                .put("created_on", view.script().createdOn().toString())
                .put("modified_on", view.script().modifiedOn().toString())
                .put("dispatch_namespace", call.params().get("dispatch_namespace"));
        result.set("script", ApiJson.script(view));
        return Envelope.ok(result);
    }

    public ApiResponse delete(ApiCall call) {
        control.scripts().delete(scope.key(call), call.queryFlag("force"));
        return Envelope.ok(null);
    }

    /** {@code ?tags=a:yes,b:no&limit=&cursor=}; {@code result_info} has {@code count, per_page, cursor}. */
    public ApiResponse list(ApiCall call) {
        int limit = limit(call.query("limit"));
        ScriptPage page = control.scripts().list(call.accountId(), scope.namespaceId(call),
                TagRules.parseFilter(call.query("tags")), call.query("cursor"), limit);
        ArrayNode result = Envelope.array();
        page.scripts().forEach(s -> result.add(ApiJson.script(s)));
        return Envelope.okList(result, Envelope.object().put("count", page.scripts().size()).put("per_page", limit)
                .put("cursor", page.nextCursor()));
    }

    /** {@code ?tags=customer-123:yes}: deletes every matching script. */
    public ApiResponse deleteMatching(ApiCall call) {
        control.scripts().deleteMatching(call.accountId(), scope.namespaceId(call), TagRules.parseFilter(call.query("tags")));
        return Envelope.ok(null);
    }

    /** One module: its bytes with its content type. Several: {@code multipart/form-data}, one part per module. */
    public ApiResponse content(ApiCall call) {
        ScriptKey key = scope.key(call);
        ScriptView view = control.scripts().script(key);
        List<ModuleFile> modules = control.scripts().content(key);
        if (modules.size() == 1) {
            ModuleFile only = modules.get(0);
            return new ApiResponse(200, Map.of("Content-Type", only.contentType(), "cf-entrypoint", only.name()),
                    only.content());
        }
        MultipartWriter writer = new MultipartWriter();
        modules.forEach(m -> writer.part(m.name(), m.contentType(), m.content()));
        return new ApiResponse(200, Map.of("Content-Type", writer.contentType(),
                "cf-entrypoint", view.metadata().entry()), writer.finish());
    }

    /** Replaces the code, keeping bindings and settings; the entry comes from metadata or the CF-WORKER-*-PART headers. */
    public ApiResponse putContent(ApiCall call) {
        ScriptUpload upload = UploadForms.scriptUpload(call.request().header("content-type"), call.request().body(),
                call.request().headers());
        return Envelope.ok(ApiJson.uploadResult(control.scripts().putContent(scope.key(call), upload)));
    }

    public ApiResponse settings(ApiCall call) {
        return Envelope.ok(control.scripts().settings(scope.key(call)));
    }

    /** Multipart with a {@code settings} JSON part. */
    public ApiResponse patchSettings(ApiCall call) {
        ObjectNode patch = UploadForms.settingsPatch(call.request().header("content-type"), call.request().body());
        return Envelope.ok(control.scripts().patchSettings(scope.key(call), patch));
    }

    public ApiResponse bindings(ApiCall call) {
        return Envelope.ok(control.scripts().bindings(scope.key(call)));
    }

    public ApiResponse putSecret(ApiCall call) {
        return Envelope.ok(ApiJson.secret(control.secrets().put(scope.key(call), call.jsonBody())));
    }

    public ApiResponse secrets(ApiCall call) {
        ArrayNode result = Envelope.array();
        control.secrets().list(scope.key(call)).forEach(s -> result.add(ApiJson.secret(s)));
        return Envelope.ok(result);
    }

    /** {@code ?url_encoded=true}: the name was percent-encoded once more by the client. */
    public ApiResponse secret(ApiCall call) {
        return Envelope.ok(ApiJson.secret(control.secrets().get(scope.key(call), secretName(call))));
    }

    public ApiResponse deleteSecret(ApiCall call) {
        control.secrets().delete(scope.key(call), secretName(call));
        return Envelope.ok(null);
    }

    /** JSON merge patch {@code {"secrets": {NAME: {...} | null}}}; the result maps every secret's name to it. */
    public ApiResponse patchSecrets(ApiCall call) {
        ObjectNode result = Envelope.object();
        control.secrets().patch(scope.key(call), call.jsonBody())
                .forEach((name, secret) -> result.set(name, ApiJson.secret(secret)));
        return Envelope.ok(result);
    }

    public ApiResponse tags(ApiCall call) {
        return Envelope.ok(ApiJson.strings(control.tags().get(scope.key(call))));
    }

    /** Body: a JSON array of strings, replacing every tag. */
    public ApiResponse putTags(ApiCall call) {
        List<String> tags = TagRules.strings(call.jsonBody(), "The body must be a JSON array of tags");
        return Envelope.ok(ApiJson.strings(control.tags().put(scope.key(call), tags)));
    }

    public ApiResponse addTag(ApiCall call) {
        control.tags().add(scope.key(call), call.param("tag"));
        return Envelope.ok(null);
    }

    public ApiResponse removeTag(ApiCall call) {
        control.tags().remove(scope.key(call), call.param("tag"));
        return Envelope.ok(null);
    }

    private static String secretName(ApiCall call) {
        String name = call.param("secret_name");
        return call.queryFlag("url_encoded") ? Router.percentDecode(name) : name;
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return ScriptOperations.DEFAULT_PAGE_SIZE;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw PlatformException.invalid(10021, "limit must be a number between 1 and " + ScriptOperations.MAX_PAGE_SIZE);
        }
    }
}
