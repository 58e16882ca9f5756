package dev.corral.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The {@code request.cf} object a trusted worker sees, as JSON. A single self-hosted node knows less than Cloudflare's
 * edge (no geolocation, no TLS at this listener), so it fills in only what it knows; absent fields stay absent rather
 * than made up. Untrusted user workers never receive it (the dispatch layer drops it).
 */
final class RequestCf {
    private RequestCf() {}

    static String of(HttpRequest request) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        String acceptEncoding = request.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "");
        return "{\"httpProtocol\":" + '"' + new String(json.quoteAsString(request.protocolVersion().text())) + '"'
                + ",\"clientAcceptEncoding\":" + '"' + new String(json.quoteAsString(acceptEncoding)) + '"'
                + ",\"requestPriority\":\"\",\"edgeRequestKeepAliveStatus\":1,\"colo\":\"CORRAL\"}";
    }
}
