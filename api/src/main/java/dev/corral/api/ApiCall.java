package dev.corral.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corral.platform.PlatformException;
import java.io.IOException;
import java.util.Map;

/**
 * A routed, authenticated request.
 *
 * @param params    the path parameters, decoded.
 * @param accountId the account the API token acts for (already checked against an {@code account_id} parameter).
 */
public record ApiCall(ApiRequest request, Map<String, String> params, String accountId) {
    public ApiCall {
        params = Map.copyOf(params);
    }

    /** A path parameter. @throws IllegalArgumentException if the route has no such parameter. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route has no parameter {" + name + "}");
        }
        return value;
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        return request.queryParam(name);
    }

    /** Whether a query parameter is {@code true} (any case). */
    public boolean queryFlag(String name) {
        return "true".equalsIgnoreCase(query(name));
    }

    /** The body as JSON. @throws PlatformException 400/10026 if it is not JSON. */
    public JsonNode jsonBody() {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            throw PlatformException.invalid(10026, "The request body is empty; JSON was expected");
        }
        try {
            return Envelope.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw PlatformException.invalid(10026, "The request body is not valid JSON");
        } catch (IOException e) {
            throw PlatformException.invalid(10026, "The request body cannot be read");
        }
    }
}
