package dev.corral.platform.control;

import dev.corral.storage.ScriptKey;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes the read-modify-write operations on one script within this node (striped, so memory stays fixed).
 * Across nodes, {@link Catalog#requireUnchanged} catches what a lock here cannot.
 */
final class ScriptLocks {
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    ScriptLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(ScriptKey key, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
