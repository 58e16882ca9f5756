package dev.corral.api;

/** A group of management API endpoints that registers its routes with the {@link Router}. */
@FunctionalInterface
public interface Endpoints {
    void register(Router router);
}
