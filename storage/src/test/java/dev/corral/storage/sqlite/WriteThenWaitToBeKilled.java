package dev.corral.storage.sqlite;

import dev.corral.storage.ControlStore;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.ScriptRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@link SqliteControlStoreTest}: writes to the store in the given directory, prints
 * {@link #ACKNOWLEDGED} once every write has returned, then waits to be killed without closing anything.
 */
final class WriteThenWaitToBeKilled {
    static final String ACKNOWLEDGED = "acknowledged";
    static final int TOKENS = 20;

    public static void main(String[] args) throws InterruptedException {
        ControlStore store = SqliteControlStore.open(Path.of(args[0]));
        for (int i = 0; i < TOKENS; i++) {
            store.putToken("hash-" + i, "account-" + i);
        }
        Instant now = Instant.now();
        store.inTransaction(() -> {
            store.putScript(new ScriptRecord(ScriptKey.plain("account-0", "last-write"), "tag-last", "v1", List.of(), now, now));
            return null;
        });
        System.out.println(ACKNOWLEDGED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
