package dev.corral.storage;

/** The backing store failed (I/O, a corrupt file, a lost connection). Nothing was written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
