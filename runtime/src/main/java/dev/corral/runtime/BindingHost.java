package dev.corral.runtime;

/**
 * Resolves a Fetcher binding call to its target. The JS layer describes the target as JSON:
 * {@code {"binding":"API"}} for a service binding, or
 * {@code {"binding":"DISPATCHER","script":"tenant-a","args":{},"options":{"limits":{...},"outbound":{...}}}}
 * for a dispatch namespace. The descriptor comes from the worker's own code, so the host treats it as untrusted input
 * and resolves only bindings that this worker was given.
 */
public interface BindingHost {
    /** A host with no Fetcher bindings. */
    BindingHost NONE = descriptor -> {
        throw new IllegalArgumentException("no such binding");
    };

    /**
     * @throws IllegalArgumentException with a message for the JS error when the target cannot be resolved (for a
     *     dispatch namespace, a message starting with {@code Worker not found}).
     */
    FetchTarget resolve(String descriptorJson);
}
