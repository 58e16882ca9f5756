package dev.corral.platform;

import java.util.List;

/**
 * What starting a new version taught us: how long its top-level code took, and which handlers it exports
 * ({@code fetch}, {@code scheduled}, ...), as Cloudflare reports them in an upload's answer.
 */
public record StartupReport(double startupMillis, List<String> handlers) {
    public StartupReport {
        handlers = List.copyOf(handlers);
    }
}
