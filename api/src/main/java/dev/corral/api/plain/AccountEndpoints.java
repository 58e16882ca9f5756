package dev.corral.api.plain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corral.api.ApiCall;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.ManagementApi;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;

/**
 * Who the API token is, as wrangler asks when it has no {@code CLOUDFLARE_ACCOUNT_ID} or runs {@code whoami}:
 * {@code /memberships}, {@code /accounts}, {@code /user} and token verification. A Corral token acts for exactly one
 * account and belongs to no user; the account's name is its id, the only name Corral knows.
 */
public final class AccountEndpoints implements Endpoints {
    @Override
    public void register(Router router) {
        router.route("GET", "/memberships", this::memberships)
                .route("GET", "/accounts", this::accounts)
                .route("GET", "/accounts/{account_id}", this::account)
                .route("GET", "/user", this::user)
                .route("GET", "/user/tokens/verify", this::verify)
                .route("GET", "/accounts/{account_id}/tokens/verify", this::verify);
    }

    private ApiResponse memberships(ApiCall call) {
        ObjectNode membership = Envelope.object().put("id", call.accountId()).put("status", "accepted");
        membership.set("account", accountRef(call.accountId()));
        membership.putArray("roles").add("Administrator");
        return single(membership);
    }

    private ApiResponse accounts(ApiCall call) {
        return single(account(call.accountId()));
    }

    /** The path's account is already checked against the token's. */
    private ApiResponse account(ApiCall call) {
        return Envelope.ok(account(call.accountId()));
    }

    private ApiResponse user(ApiCall call) {
        throw new PlatformException(403, 9109, "Unauthorized to access requested resource");
    }

    /** The token's id is a prefix of its SHA-256, the form the store keeps it in. */
    private ApiResponse verify(ApiCall call) {
        String token = call.request().header("authorization").substring("Bearer ".length()).trim();
        return Envelope.ok(Envelope.object()
                .put("id", ManagementApi.sha256Hex(token).substring(0, 32))
                .put("status", "active"));
    }

    private static ObjectNode account(String accountId) {
        ObjectNode account = accountRef(accountId).put("type", "standard");
        account.putObject("settings").put("enforce_twofactor", false);
        return account;
    }

    private static ObjectNode accountRef(String accountId) {
        return Envelope.object().put("id", accountId).put("name", accountId);
    }

    private static ApiResponse single(ObjectNode item) {
        ArrayNode result = Envelope.array().add(item);
        return Envelope.okList(result, Envelope.object().put("page", 1).put("per_page", 20).put("count", 1)
                .put("total_count", 1).put("total_pages", 1));
    }
}
