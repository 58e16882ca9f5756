package dev.corral.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One management API request, independent of the HTTP server that received it.
 *
 * @param path    the decoded-as-received path, starting with {@code /client/v4}.
 * @param query   query parameters (decoded), each with all its values.
 * @param headers request headers, keys lower-case.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {
    public ApiRequest {
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        headers = Map.copyOf(lower);
        query = Map.copyOf(query);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
