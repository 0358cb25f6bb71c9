package nl.inzage.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Inserts many rows of one table with multi-row {@code insert ... values (...), (...)} statements
 * in the caller's transaction: one round trip per chunk instead of one per row, for bulk writers
 * (the consent migration). Rows are inserted in list order, so a {@code bigserial} id follows it.
 */
public final class RowInserts {

    /** PostgreSQL's limit on the parameters of one statement. */
    private static final int MAX_PARAMETERS = 32767;

    private RowInserts() {
    }

    /**
     * @param columns the columns every row gives a value for, in order
     * @param rows one array per row, as many values as columns (null for SQL null)
     */
    public static Uni<Void> insert(String table, List<String> columns, List<Object[]> rows) {
        int perChunk = Math.max(1, MAX_PARAMETERS / columns.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += perChunk) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perChunk));
            chain = chain.chain(() -> insertChunk(table, columns, chunk));
        }
        return chain;
    }

    private static Uni<Void> insertChunk(String table, List<String> columns, List<Object[]> rows) {
        StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (").append(String.join(", ", columns))
                .append(") values ");
        int parameter = 0;
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row).length != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + rows.get(row).length + " values for " + columns.size() + " columns");
            }
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns.size(); column++) {
                sql.append(column == 0 ? "?" : ", ?").append(++parameter);
            }
            sql.append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            int index = 0;
            for (Object[] row : rows) {
                for (Object value : row) {
                    query.setParameter(++index, value);
                }
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
