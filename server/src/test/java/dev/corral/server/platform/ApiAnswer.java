package dev.corral.server.platform;

import com.fasterxml.jackson.databind.JsonNode;

/** One answer of the management API: its HTTP status and its Cloudflare envelope. */
record ApiAnswer(int status, JsonNode envelope, String raw) {
    boolean success() {
        return envelope.path("success").asBoolean(false);
    }

    JsonNode result() {
        return envelope.path("result");
    }

    /** The first error's code, or 0 when there is none. */
    int errorCode() {
        return envelope.path("errors").path(0).path("code").asInt(0);
    }

    String errorMessage() {
        return envelope.path("errors").path(0).path("message").asText("");
    }

    /** Fails unless the call succeeded, showing the answer. */
    ApiAnswer requireSuccess() {
        if (status != 200 || !success()) throw new AssertionError("the API refused the call: " + status + " " + raw);
        return this;
    }

    @Override
    public String toString() {
        return status + " " + raw;
    }
}
