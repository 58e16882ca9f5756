package dev.corral.api.multipart;

import dev.corral.platform.PlatformException;

/** The two ways Cloudflare refuses an upload body: it cannot be read at all (10026), or its content is invalid (10021). */
final class FormErrors {
    static final int UNPARSEABLE_BODY = 10026;
    static final int VALIDATION = 10021;

    private FormErrors() {}

    static PlatformException unparseable(String why) {
        return PlatformException.invalid(UNPARSEABLE_BODY, "Could not parse the request body: " + why);
    }

    static PlatformException invalid(String message) {
        return PlatformException.invalid(VALIDATION, message);
    }
}
