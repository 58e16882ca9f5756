package dev.corral.server;

import java.net.InetSocketAddress;

/** A listen address given as {@code HOST:PORT}; port 0 picks a free one. */
record HostPort(String host, int port) {
    static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "'");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range in '" + text + "'");
        return new HostPort(host, port);
    }

    InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }
}
