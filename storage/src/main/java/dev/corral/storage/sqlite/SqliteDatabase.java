package dev.corral.storage.sqlite;

import dev.corral.storage.StoreConflictException;
import dev.corral.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite database file behind one JDBC connection that all threads share under a lock.
 *
 * <p>A single connection keeps things simple and is enough for the low write rates it serves: a thread holds the lock
 * for one statement, or for a whole transaction, so transactions never interleave and never meet {@code SQLITE_BUSY}
 * from each other. Every {@link SQLException} leaves as a {@link StoreException}, or as a
 * {@link StoreConflictException} when a write broke a uniqueness rule.
 *
 * <p>Arguments bind by type: text, integers, booleans (as 0 or 1), byte arrays and {@link Instant}s (as epoch
 * milliseconds, truncating anything finer; read them back with {@link #instant}).
 */
final class SqliteDatabase implements AutoCloseable {

    /** Turns the current row of a result set into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** How many {@link #inTransaction} calls the lock holder is inside; guarded by {@link #lock}. */
    private int transactionDepth;

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database file and brings its schema up to {@code history}'s last step. */
    static SqliteDatabase open(Path file, List<Migration> history) {
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        SqliteDatabase database = new SqliteDatabase(file, connection);
        try {
            database.configure();
            SchemaMigrations.apply(database, history);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private void configure() {
        run(null, () -> {
            // WAL lets other processes (a backup, the sqlite3 shell) read while Corral writes. FULL makes every commit
            // fsync the log before it returns, so an acknowledged write survives a killed process and a power cut.
            execute("PRAGMA journal_mode = WAL");
            execute("PRAGMA synchronous = FULL");
            // SQLite enforces foreign keys only when asked to, on each connection.
            execute("PRAGMA foreign_keys = ON");
            // Another process holding the file (a backup) makes us wait a little instead of failing at once.
            execute("PRAGMA busy_timeout = 5000");
            return null;
        });
    }

    Path file() {
        return file;
    }

    /**
     * Runs {@code work} so that its writes all commit or, if it throws anything, none do; the throwable is rethrown.
     * A call inside another on the same thread joins the outer transaction through a savepoint: if the inner work
     * throws, only its own writes are undone, and the outer work may catch the exception and carry on.
     */
    <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            return transactionDepth == 0 ? runOutermost(work) : runNested(work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T runOutermost(Supplier<T> work) {
        // IMMEDIATE takes the write lock up front, so a transaction that reads and then writes cannot be refused
        // half-way by another process that started writing in between.
        control("BEGIN IMMEDIATE");
        transactionDepth = 1;
        try {
            T result = work.get();
            control("COMMIT");
            return result;
        } catch (Throwable failure) {
            undo(failure, "ROLLBACK");
            throw failure;
        } finally {
            transactionDepth = 0;
        }
    }

    private <T> T runNested(Supplier<T> work) {
        String savepoint = "nested_" + transactionDepth;
        control("SAVEPOINT " + savepoint);
        transactionDepth++;
        try {
            T result = work.get();
            control("RELEASE " + savepoint);
            return result;
        } catch (Throwable failure) {
            undo(failure, "ROLLBACK TO " + savepoint, "RELEASE " + savepoint);
            throw failure;
        } finally {
            transactionDepth--;
        }
    }

    private void control(String sql) {
        run(null, () -> {
            execute(sql);
            return null;
        });
    }

    /** Undoes a failed transaction or savepoint; a failure to undo is attached to the original failure, not thrown. */
    private void undo(Throwable failure, String... statements) {
        try {
            for (String sql : statements) {
                execute(sql);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Runs a write; a uniqueness violation becomes a {@link StoreConflictException} carrying SQLite's message. */
    int update(String sql, Object... args) {
        return updateOrConflict(null, sql, args);
    }

    /** Runs a write; a uniqueness violation becomes a {@link StoreConflictException} with {@code conflictMessage}. */
    int updateOrConflict(String conflictMessage, String sql, Object... args) {
        return run(conflictMessage, () -> {
            try (PreparedStatement statement = prepare(sql, args)) {
                return statement.executeUpdate();
            }
        });
    }

    <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        return run(null, () -> {
            try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(reader.read(rows));
                }
                return values;
            }
        });
    }

    <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) {
        return run(null, () -> {
            try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
            }
        });
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    @Override
    public void close() {
        run(null, () -> {
            connection.close();
            return null;
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T run(String conflictMessage, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw translate(e, conflictMessage);
        } finally {
            lock.unlock();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(statement, i + 1, args[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object arg) throws SQLException {
        switch (arg) {
            case null -> statement.setNull(index, Types.NULL);
            case String text -> statement.setString(index, text);
            case Integer number -> statement.setInt(index, number);
            case Long number -> statement.setLong(index, number);
            case Boolean flag -> statement.setInt(index, flag ? 1 : 0);
            case byte[] bytes -> statement.setBytes(index, bytes);
            case Instant instant -> statement.setLong(index, instant.toEpochMilli());
            default -> throw new IllegalArgumentException("cannot bind a " + arg.getClass().getName() + " to SQL");
        }
    }

    private RuntimeException translate(SQLException e, String conflictMessage) {
        if (e instanceof SQLiteException sqlite && breaksUniqueness(sqlite.getResultCode())) {
            return new StoreConflictException(conflictMessage != null ? conflictMessage : sqlite.getMessage());
        }
        return new StoreException(file + ": " + e.getMessage(), e);
    }

    private static boolean breaksUniqueness(SQLiteErrorCode code) {
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }
}
