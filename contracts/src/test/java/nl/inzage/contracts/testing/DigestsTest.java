package nl.inzage.contracts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import nl.inzage.contracts.ProjectionDigest;
import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void addingAndRemovingEntriesGivesTheDigestOfTheResultingEntries() {
        String before = new ProjectionDigest().consent("999993653", "00000101", "c-1", 1, "active")
                .consent("999990019", "00000201", "c-2", 1, "active").value();
        String after = new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "inactive")
                .consent("999990019", "00000201", "c-2", 1, "active").relationship("999990019", "r-1", 1, "active").value();
        String changed = Digests.change(before,
                new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "inactive").relationship("999990019", "r-1", 1, "active"),
                new ProjectionDigest().consent("999993653", "00000101", "c-1", 1, "active"));
        assertThat(changed).isEqualTo(after);
    }
}
