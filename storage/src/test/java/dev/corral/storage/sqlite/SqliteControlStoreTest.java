package dev.corral.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.storage.ControlStore;
import dev.corral.storage.ControlStoreContract;
import dev.corral.storage.ScriptKey;
import dev.corral.storage.StoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SQLite control store passes the contract, and keeps its file the way the embedded node relies on. */
class SqliteControlStoreTest extends ControlStoreContract {

    @Override
    protected ControlStore newStore(Path dir) {
        return SqliteControlStore.open(dir);
    }

    @Test
    void openingCreatesTheDataDirectoryAndControlDbInIt() {
        Path dataDir = dir().resolve("not/there/yet");
        try (ControlStore created = newStore(dataDir)) {
            created.putToken("hash-1", "account-1");
        }
        assertTrue(Files.isRegularFile(dataDir.resolve(SqliteControlStore.FILE_NAME)));
    }

    @Test
    void theFileIsAtTheLatestSchemaVersionAndInWriteAheadLogMode() throws SQLException {
        store.close();
        assertEquals(String.valueOf(ControlSchema.HISTORY.size()), pragma("user_version"));
        assertEquals("wal", pragma("journal_mode"));
    }

    @Test
    void aFileWrittenByANewerCorralIsRefused() throws SQLException {
        store.close();
        pragma("user_version = " + (ControlSchema.HISTORY.size() + 1));
        StoreException refused = assertThrows(StoreException.class, () -> store = newStore(dir()));
        assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
        pragma("user_version = " + ControlSchema.HISTORY.size());
        store = newStore(dir());
    }

    @Test
    void anAcknowledgedWriteSurvivesTheProcessBeingKilled() throws Exception {
        store.close();
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                WriteThenWaitToBeKilled.class.getName(), dir().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals(WriteThenWaitToBeKilled.ACKNOWLEDGED, output.readLine());
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no checkpoint
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        store = newStore(dir());
        for (int i = 0; i < WriteThenWaitToBeKilled.TOKENS; i++) {
            assertEquals(Optional.of("account-" + i), store.accountForToken("hash-" + i));
        }
        assertTrue(store.script(ScriptKey.plain("account-0", "last-write")).isPresent());
    }

    /** Runs a PRAGMA on the store's file through a connection of its own. */
    private String pragma(String pragma) throws SQLException {
        Path file = dir().resolve(SqliteControlStore.FILE_NAME);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            if (!statement.execute("PRAGMA " + pragma)) {
                return null;
            }
            try (ResultSet result = statement.getResultSet()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
