package dev.corral.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.corral.storage.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a database's schema history is applied: each step once, in order, and all or nothing. */
class SchemaMigrationsTest {
    private static final Migration NOTES = new Migration(1, "notes", List.of(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT",
            "INSERT INTO notes (text) VALUES ('from step 1')"));
    private static final Migration TAGS = new Migration(2, "tags", List.of(
            "CREATE TABLE tags (name TEXT PRIMARY KEY) STRICT"));

    @TempDir
    private Path dir;

    @Test
    void aLaterStepIsAppliedToAnExistingDatabaseAndEarlierStepsAreNotRepeated() {
        Path file = dir.resolve("test.db");
        try (SqliteDatabase database = SqliteDatabase.open(file, List.of(NOTES))) {
            database.update("INSERT INTO notes (text) VALUES ('written at version 1')");
        }
        try (SqliteDatabase database = SqliteDatabase.open(file, List.of(NOTES, TAGS))) {
            assertEquals(2, userVersion(database));
            assertEquals(Optional.of(2), database.first("SELECT count(*) FROM notes", row -> row.getInt(1)));
            assertEquals(1, database.update("INSERT INTO tags (name) VALUES ('new')"));
        }
    }

    @Test
    void aFailingStepLeavesTheDatabaseAsItWasBefore() {
        Path file = dir.resolve("test.db");
        Migration broken = new Migration(2, "broken", List.of(
                "CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT",
                "THIS IS NOT SQL"));
        assertThrows(StoreException.class, () -> SqliteDatabase.open(file, List.of(NOTES, broken)));
        try (SqliteDatabase database = SqliteDatabase.open(file, List.of())) {
            assertEquals(0, userVersion(database));
            assertEquals(Optional.of(0), database.first(
                    "SELECT count(*) FROM sqlite_schema WHERE name IN ('notes', 'half_done')", row -> row.getInt(1)));
        }
    }

    @Test
    void aHistoryWithAGapIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> SqliteDatabase.open(dir.resolve("test.db"), List.of(TAGS)));
    }

    private static int userVersion(SqliteDatabase database) {
        return database.first("PRAGMA user_version", row -> row.getInt(1)).orElseThrow();
    }
}
