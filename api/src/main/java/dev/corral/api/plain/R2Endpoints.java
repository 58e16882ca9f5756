package dev.corral.api.plain;

import dev.corral.api.ApiCall;
import dev.corral.api.ApiResponse;
import dev.corral.api.Endpoints;
import dev.corral.api.Envelope;
import dev.corral.api.Router;
import dev.corral.platform.PlatformException;

/**
 * The R2 bucket calls {@code wrangler deploy} makes for each R2 binding, until Corral has R2: a bucket is never found
 * (10006, which sends wrangler into creating it), the list is empty, and creating one fails with a message saying why,
 * so that the deploy stops with it instead of with a missing route.
 */
public final class R2Endpoints implements Endpoints {
    private static final String BUCKETS = "/accounts/{account_id}/r2/buckets";

    @Override
    public void register(Router router) {
        router.route("GET", BUCKETS + "/{bucket_name}", this::bucket)
                .route("GET", BUCKETS, this::list)
                .route("POST", BUCKETS, this::create);
    }

    private ApiResponse bucket(ApiCall call) {
        throw PlatformException.notFound(10006, "The specified bucket does not exist.");
    }

    private ApiResponse list(ApiCall call) {
        return Envelope.ok(Envelope.object().set("buckets", Envelope.array()));
    }

    private ApiResponse create(ApiCall call) {
        throw PlatformException.invalid(10021, "R2 is not available in this Corral version yet");
    }
}
