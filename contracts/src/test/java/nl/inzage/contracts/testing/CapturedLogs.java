package nl.inzage.contracts.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record at INFO or above that the service under test writes while the suite runs (a handler on the root
 * logger of the test JVM, where @QuarkusTest runs the service), as the text a log file would hold.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    public static final String REFUSAL_LOGGER = "nl.inzage.security.refusal";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    private CapturedLogs() {
        setLevel(Level.INFO);
    }

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.INFO.intValue()) {
            return;
        }
        String text = record.getLoggerName() + " " + record.getLevel() + " " + formatted(record)
                + (record.getThrown() == null ? "" : " " + record.getThrown());
        lines.add(text);
        if (REFUSAL_LOGGER.equals(record.getLoggerName())) {
            refusals.add(text);
        }
    }

    private static String formatted(LogRecord record) {
        try {
            // JBoss LogManager's records format printf-style messages themselves.
            return String.valueOf(record.getClass().getMethod("getFormattedMessage").invoke(record));
        } catch (ReflectiveOperationException e) {
            return new java.util.logging.SimpleFormatter().formatMessage(record);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public int refusals() {
        return refusals.size();
    }

    public List<String> refusalLines() {
        return List.copyOf(refusals);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
