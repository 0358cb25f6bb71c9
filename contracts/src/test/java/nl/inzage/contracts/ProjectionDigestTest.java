package nl.inzage.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectionDigestTest {

    @Test
    void theOrderOfTheEntriesDoesNotMatter() {
        ProjectionDigest one = new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "active")
                .relationship("999993653", "r-1", 1, "active").consent("999990019", "00000201", "c-2", 1, "inactive");
        ProjectionDigest other = new ProjectionDigest().consent("999990019", "00000201", "c-2", 1, "inactive")
                .consent("999993653", "00000101", "c-1", 2, "active").relationship("999993653", "r-1", 1, "active");
        assertThat(one.value()).isEqualTo(other.value()).hasSize(32);
        assertThat(one.entries()).isEqualTo(3);
    }

    @Test
    void anotherVersionStatusOrMissingEntryChangesTheDigest() {
        String base = new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "active")
                .consent("999990019", "00000201", "c-2", 1, "active").value();
        assertThat(new ProjectionDigest().consent("999993653", "00000101", "c-1", 1, "active")
                .consent("999990019", "00000201", "c-2", 1, "active").value()).isNotEqualTo(base);
        assertThat(new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "inactive")
                .consent("999990019", "00000201", "c-2", 1, "active").value()).isNotEqualTo(base);
        assertThat(new ProjectionDigest().consent("999993653", "00000101", "c-1", 2, "active").value()).isNotEqualTo(base);
        assertThat(new ProjectionDigest().value()).isEqualTo("0".repeat(32));
    }
}
