package dev.corral.storage;

/** A write that would break a uniqueness rule (a namespace or zone name already taken). Nothing was written. */
public final class StoreConflictException extends RuntimeException {
    public StoreConflictException(String message) {
        super(message);
    }
}
