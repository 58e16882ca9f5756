package dev.corral.storage.sqlite;

import dev.corral.storage.StoreException;
import java.util.List;

/** Brings a database's schema up to date by taking, in one transaction, the steps of its history it has not had. */
final class SchemaMigrations {
    private SchemaMigrations() {}

    static void apply(SqliteDatabase database, List<Migration> history) {
        checkNumbering(history);
        database.inTransaction(() -> {
            int current = database.first("PRAGMA user_version", row -> row.getInt(1)).orElseThrow();
            if (current > history.size()) {
                // Written by a newer Corral: running on it could misread or damage tables this version does not know.
                throw new StoreException(database.file() + " has schema version " + current
                        + ", newer than this Corral's " + history.size() + "; upgrade Corral to open it", null);
            }
            for (Migration step : history.subList(current, history.size())) {
                step.statements().forEach(database::update);
                database.update("PRAGMA user_version = " + step.version());
            }
            return null;
        });
    }

    private static void checkNumbering(List<Migration> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + (i + 1) + " is numbered " + history.get(i).version());
            }
        }
    }
}
