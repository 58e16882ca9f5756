package dev.corral.storage;

/** A route: requests whose host and path match {@code pattern} go to the plain script {@code script}. */
public record RouteRecord(String id, String zoneId, String pattern, String script) {}
