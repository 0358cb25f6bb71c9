package nl.inzage.contracts;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;

/**
 * Whether a failure means the database is not there right now (down, restarting, connection cut), as opposed to
 * a fault in the request or the code. The services answer such a failure with 503 and Retry-After, never 500:
 * the request was fine and may be sent again (tests/faults: PostgreSQL restarted under load).
 *
 * <p>Recognised anywhere in the cause chain: a refused connection ({@link ConnectException}, which Netty's
 * {@code AnnotatedConnectException} extends); the reactive client's closed connection
 * ({@code io.vertx.sqlclient.ClosedConnectionException}, by name: this module depends on no driver); and a
 * PostgreSQL error of SQLSTATE class 08 (connection exception) or 57 (operator intervention, e.g. 57P01
 * "terminating connection due to administrator command", 57P03 "the database system is starting up"), which
 * the drivers put at the end of the message as {@code (57P01)}.
 */
public final class DatabaseOutage {

    private static final Pattern OUTAGE_STATE = Pattern.compile("\\((08|57)[0-9A-Z]{3}\\)\\s*$");
    private static final int MAX_DEPTH = 20;

    private DatabaseOutage() {
    }

    public static boolean is(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof ClosedChannelException
                    || (cause instanceof IOException && cause.getMessage() != null && cause.getMessage().contains("Connection reset"))
                    || cause.getClass().getName().equals("io.vertx.sqlclient.ClosedConnectionException")
                    || (cause.getMessage() != null && OUTAGE_STATE.matcher(cause.getMessage()).find())) {
                return true;
            }
        }
        return false;
    }
}
