package dev.corral.platform.control;

/**
 * What a namespace create or update sets; a null field is left as it is (or at its default on create).
 *
 * @param egressAllowed Corral's {@code corral_egress}: whether workers may reach the network when the dispatcher names
 *                      no outbound worker.
 */
public record NamespaceChange(String name, Boolean trustedWorkers, Boolean egressAllowed) {
    public static NamespaceChange named(String name) {
        return new NamespaceChange(name, null, null);
    }
}
