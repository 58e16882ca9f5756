package dev.corral.storage;

import java.time.Instant;

/**
 * A dispatch namespace.
 *
 * @param id             a UUID, never reused.
 * @param trustedWorkers whether its workers see {@code request.cf} (Cloudflare's {@code trusted_workers}).
 * @param egressAllowed  whether its workers may reach the network when the dispatcher names no outbound worker.
 */
public record NamespaceRecord(String id, String accountId, String name, boolean trustedWorkers, boolean egressAllowed,
                              Instant createdOn, Instant modifiedOn) {}
