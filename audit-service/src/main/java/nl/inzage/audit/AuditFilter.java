package nl.inzage.audit;

import java.time.Instant;

/**
 * What a privacy officer asks of the log; every criterion is optional. {@code from} is inclusive,
 * {@code to} exclusive; pages count from 0. Which organisation's records are searched is not part
 * of the filter: that comes from the token.
 */
public record AuditFilter(String patientBsn, String practitionerUzi, Instant from, Instant to, String decision, Boolean emergency,
        int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /**
     * Deep offsets make PostgreSQL read and drop every row before the page, and nobody reads a log 10,000 pages in:
     * past this the caller narrows the search with from/to instead.
     */
    public static final int MAX_PAGE = 10_000;

    public AuditFilter {
        if (page < 0 || page > MAX_PAGE) {
            throw AuditProblem.badRequest("page counts from 0 to " + MAX_PAGE + "; narrow the search with from and to"
                    + " to go further.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw AuditProblem.badRequest("size must be between 1 and " + MAX_SIZE + "; got " + size + ".");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw AuditProblem.badRequest("from must be before to.");
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
