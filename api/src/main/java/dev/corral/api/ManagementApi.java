package dev.corral.api;

import dev.corral.platform.PlatformException;
import dev.corral.storage.ControlStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cloudflare's v4 management API: authenticates a request's API token, routes it to an endpoint group and turns
 * every outcome into Cloudflare's JSON envelope. Thread-safe once constructed.
 */
public final class ManagementApi {
    public static final String PREFIX = "/client/v4";
    private static final Logger LOG = Logger.getLogger(ManagementApi.class.getName());

    private final ControlStore store;
    private final Router router = new Router();

    /** @param endpoints the endpoint groups to serve, e.g. {@code NamespaceEndpoints} and {@code ScriptEndpoints}. */
    public ManagementApi(ControlStore store, List<? extends Endpoints> endpoints) {
        this.store = store;
        endpoints.forEach(e -> e.register(router));
    }

    /**
     * Answers one request. {@link ApiRequest#path()} must be the path as received, not yet percent-decoded: path
     * parameters are decoded here, once.
     */
    public ApiResponse handle(ApiRequest request) {
        try {
            String path = request.path();
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (!path.startsWith(PREFIX + "/")) {
                throw PlatformException.notFound(7003, "No route for the URI");
            }
            String account = authenticate(request);
            Router.Match match = router.match(request.method(), path.substring(PREFIX.length()));
            String pathAccount = match.params().get("account_id");
            if (pathAccount != null && !pathAccount.equals(account)) {
                throw new PlatformException(403, 9109, "Unauthorized to access requested resource");
            }
            return match.handler().handle(new ApiCall(request, match.params(), account));
        } catch (PlatformException e) {
            return Envelope.error(e.status(), e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Management API request " + request.method() + " " + request.path() + " failed", e);
            return Envelope.error(500, 10013, "An internal error occurred; the server log has the details");
        }
    }

    private String authenticate(ApiRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new PlatformException(401, 10000, "Authentication error");
        }
        String token = authorization.substring(7).trim();
        return store.accountForToken(sha256Hex(token))
                .orElseThrow(() -> new PlatformException(401, 10000, "Authentication error"));
    }

    /** The form in which the store keeps API tokens. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
