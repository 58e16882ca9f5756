package dev.corral.api;

import java.util.Map;

/** One management API answer: status, headers (Content-Type among them) and body. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }
}
