package dev.corral.platform;

/**
 * A request the platform refuses, with Cloudflare's API error code and the HTTP status it answers with. Nothing stored
 * has changed when one is thrown.
 */
public final class PlatformException extends RuntimeException {
    private final int status;
    private final int code;

    public PlatformException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static PlatformException notFound(int code, String message) {
        return new PlatformException(404, code, message);
    }

    public static PlatformException invalid(int code, String message) {
        return new PlatformException(400, code, message);
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }
}
