package nl.inzage.consent;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A search over current consent versions. Null fields do not filter.
 *
 * @param updatedAfter  exclusive lower bound of lastUpdated (from {@code _lastUpdated=gt...}/{@code ge})
 * @param updatedBefore exclusive upper bound of lastUpdated
 */
public record ConsentQuery(String patientBsn, String custodianUra, List<String> statuses,
        OffsetDateTime updatedFrom, boolean fromInclusive, OffsetDateTime updatedTo, boolean toInclusive,
        int count, int offset) {
}
