package nl.inzage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentRule;
import nl.inzage.contracts.RelationshipChanged;
import org.postgresql.PGConnection;

/**
 * The peer "query the database per decision": the same decision as one SQL query against
 * PostgreSQL for every request, what a team would build without projections. Rules are rows
 * (one per data category; NULL = any), the most specific applicable rule wins, deny first at equal
 * specificity; relationships and the role matrix are tables too. A JDK HttpServer with a fixed
 * pool of threads, each with its own connection and prepared statement.
 *
 * <p>Usage: {@code SqlPdp load jdbcUrl user password clients organisations} (creates schema
 * {@code pdp} and fills it from the workload) or {@code SqlPdp serve jdbcUrl user password port threads}.
 */
public final class SqlPdp {

    static final String DECISION = """
            SELECT coalesce((SELECT c.status = 'active' FROM pdp.consent c WHERE c.bsn = ? AND c.holder = ?), false)
               AND coalesce((SELECT r.effect = 'permit' FROM pdp.consent_rule r
                     WHERE r.bsn = ? AND r.holder = ?
                       AND (r.org IS NULL OR r.org = ?) AND (r.org_type IS NULL OR r.org_type = ?)
                       AND (r.category IS NULL OR r.category = ?)
                     ORDER BY r.specificity DESC, (r.effect = 'deny') DESC LIMIT 1), false)
               AND EXISTS (SELECT 1 FROM pdp.relationship l WHERE l.bsn = ? AND l.org = ? AND l.status = 'active'
                     AND l.start_date <= current_date AND (l.end_date IS NULL OR l.end_date >= current_date))
               AND EXISTS (SELECT 1 FROM pdp.role_category m WHERE m.role = ? AND m.category = ?)
            """;

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String user = args[2];
        String password = args[3];
        if (args[0].equals("load")) {
            load(url, user, password, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            serve(url, user, password, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
    }

    static void load(String url, String user, String password, int clients, int organisations) throws Exception {
        long start = System.nanoTime();
        Workload workload = new Workload(clients, organisations, 1, Workload.SEED, true);
        try (Connection connection = DriverManager.getConnection(url, user, password); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS pdp CASCADE");
            statement.execute("CREATE SCHEMA pdp");
            statement.execute("CREATE TABLE pdp.consent (bsn text, holder text, status text, PRIMARY KEY (bsn, holder))");
            statement.execute("CREATE TABLE pdp.consent_rule (bsn text, holder text, effect text, org text, org_type text,"
                    + " category text, specificity int)");
            statement.execute("CREATE TABLE pdp.relationship (bsn text, org text, status text, start_date date, end_date date)");
            statement.execute("CREATE TABLE pdp.role_category (role text, category text, PRIMARY KEY (role, category))");
            StringBuilder consents = new StringBuilder();
            StringBuilder rules = new StringBuilder();
            for (ConsentChanged event : workload.consentEvents) {
                consents.append(event.patientBsn()).append('\t').append(event.custodianUra()).append('\t').append(event.status()).append('\n');
                for (ConsentRule rule : event.rules()) {
                    int actor = rule.organization() != null ? 2 : rule.organizationType() != null ? 1 : 0;
                    boolean anyCategory = rule.dataCategories() == null || rule.dataCategories().isEmpty();
                    int specificity = actor * 2 + (anyCategory ? 0 : 1);
                    for (String category : anyCategory ? java.util.Collections.<String>singletonList(null) : rule.dataCategories()) {
                        rules.append(event.patientBsn()).append('\t').append(event.custodianUra()).append('\t').append(rule.effect())
                                .append('\t').append(nullable(rule.organization())).append('\t').append(nullable(rule.organizationType()))
                                .append('\t').append(nullable(category)).append('\t').append(specificity).append('\n');
                    }
                }
            }
            StringBuilder relationships = new StringBuilder();
            for (RelationshipChanged event : workload.relationshipEvents) {
                relationships.append(event.patientBsn()).append('\t').append(event.organization()).append('\t').append(event.status())
                        .append('\t').append(event.start()).append('\t').append(event.end() == null ? "\\N" : event.end().toString()).append('\n');
            }
            StringBuilder matrix = new StringBuilder();
            Workload.MATRIX.forEach((role, categories) -> categories.forEach(c -> matrix.append(role).append('\t').append(c).append('\n')));
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY pdp.consent FROM STDIN", new StringReader(consents.toString()));
            copy.copyIn("COPY pdp.consent_rule FROM STDIN", new StringReader(rules.toString()));
            copy.copyIn("COPY pdp.relationship FROM STDIN", new StringReader(relationships.toString()));
            copy.copyIn("COPY pdp.role_category FROM STDIN", new StringReader(matrix.toString()));
            statement.execute("CREATE INDEX ON pdp.consent_rule (bsn, holder)");
            statement.execute("CREATE INDEX ON pdp.relationship (bsn, org)");
            statement.execute("ANALYZE");
        }
        System.out.printf("SQL PDP: loaded %,d clients into schema pdp in %.1f s%n", clients, (System.nanoTime() - start) / 1e9);
    }

    private static String nullable(String value) {
        return value == null ? "\\N" : value;
    }

    static void serve(String url, String user, String password, int port, int threads) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(url, user, password);
                return connection.prepareStatement(DECISION);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/decide", exchange -> {
            byte[] answer;
            int status = 200;
            try {
                JsonNode request = json.readTree(exchange.getRequestBody());
                answer = ("{\"decision\":" + decide(statements.get(), request) + "}").getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                status = 500;
                answer = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        System.out.println("SQL PDP listening on 127.0.0.1:" + port + " with " + threads + " threads");
    }

    static boolean decide(PreparedStatement statement, JsonNode request) throws SQLException {
        String bsn = request.get("bsn").asText();
        String holder = request.get("holder").asText();
        String org = request.get("org").asText();
        String category = request.get("category").asText();
        statement.setString(1, bsn);
        statement.setString(2, holder);
        statement.setString(3, bsn);
        statement.setString(4, holder);
        statement.setString(5, org);
        statement.setString(6, request.get("type").asText());
        statement.setString(7, category);
        statement.setString(8, bsn);
        statement.setString(9, org);
        statement.setString(10, request.get("role").asText());
        statement.setString(11, category);
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        }
    }
}
