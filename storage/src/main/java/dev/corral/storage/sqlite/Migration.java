package dev.corral.storage.sqlite;

import java.util.List;

/**
 * One step of a database's schema history. Steps are numbered from 1 without gaps; a database records the last step
 * it has taken in {@code PRAGMA user_version}, so a step runs once per database and is never edited once released.
 *
 * @param purpose what the step adds, for the reader of the history.
 */
record Migration(int version, String purpose, List<String> statements) {
    Migration {
        statements = List.copyOf(statements);
    }
}
