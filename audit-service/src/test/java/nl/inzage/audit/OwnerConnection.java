package nl.inzage.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A JDBC connection as the table owner (the role Flyway migrates as), to play the insider who
 * tampers with the log behind the service's back.
 */
public final class OwnerConnection {

    private OwnerConnection() {
    }

    public static Connection open() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }
}
