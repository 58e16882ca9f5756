package dev.corral.storage;

import java.time.Instant;

/** A zone (a domain a platform serves), the owner of routes. */
public record ZoneRecord(String id, String accountId, String name, Instant createdOn) {}
