package dev.corral.runtime;

import com.caoccao.javet.interfaces.IJavetLogger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Javet's own diagnostics for one isolate, in the node's log. Its warning about callback contexts left at close is
 * dropped: the host ops live as long as the isolate, and closing the isolate frees them.
 */
final class JavetLog implements IJavetLogger {
    private static final Logger LOG = Logger.getLogger("dev.corral.runtime.javet");
    private final String workerId;

    JavetLog(String workerId) {
        this.workerId = workerId;
    }

    @Override
    public void debug(String message) {
        LOG.fine(() -> workerId + ": " + message);
    }

    @Override
    public void error(String message) {
        LOG.severe(() -> workerId + ": " + message);
    }

    @Override
    public void error(String message, Throwable cause) {
        LOG.log(Level.SEVERE, workerId + ": " + message, cause);
    }

    @Override
    public void info(String message) {
        LOG.fine(() -> workerId + ": " + message);
    }

    @Override
    public void warn(String message) {
        if (message.contains("callback context object(s) not recycled")) return;
        LOG.warning(() -> workerId + ": " + message);
    }
}
