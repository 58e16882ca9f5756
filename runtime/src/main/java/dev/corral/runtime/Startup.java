package dev.corral.runtime;

import java.util.List;

/**
 * A worker's start: how long restoring its isolate and running its top-level code took, and which handlers it
 * exports ({@code fetch}, {@code scheduled}, ...) or, in service-worker syntax, listens for.
 */
public record Startup(double millis, List<String> handlers) {
    public Startup {
        handlers = List.copyOf(handlers);
    }
}
