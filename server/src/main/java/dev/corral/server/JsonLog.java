package dev.corral.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.corral.runtime.LogSink;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Structured logging: one JSON object per line on stdout, for the node's own events and for workers' console output.
 */
final class JsonLog implements LogSink {
    private static final JsonFactory JSON = new JsonFactory();
    private final PrintStream out;

    JsonLog(PrintStream out) {
        this.out = out;
    }

    /** Routes java.util.logging (the runtime's and Netty's own messages) through the same JSON lines. */
    void install(Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamHandler(out, new Formatter() {
            @Override
            public String format(LogRecord record) {
                String message = formatMessage(record);
                if (record.getThrown() != null) message += ": " + record.getThrown();
                return line(Map.of("level", record.getLevel().getName().toLowerCase(), "logger", record.getLoggerName(), "message", message)) + "\n";
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    @Override
    public void log(String scriptId, String level, String message) {
        event(Map.of("level", level, "source", "console", "script", scriptId, "message", message));
    }

    void event(Map<String, ?> fields) {
        String line = line(fields);
        synchronized (out) {
            out.println(line);
        }
    }

    private static String line(Map<String, ?> fields) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(writer)) {
            json.writeStartObject();
            json.writeStringField("ts", Instant.now().toString());
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                json.writeFieldName(field.getKey());
                Object value = field.getValue();
                if (value instanceof Number n) json.writeNumber(n.toString());
                else if (value instanceof Boolean b) json.writeBoolean(b);
                else json.writeString(String.valueOf(value));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toString();
    }
}
