package nl.inzage.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void aSeqIsAsciiDigits() {
        assertThat(RecordIds.isSeq("42")).isTrue();
        assertThat(RecordIds.isSeq("４２")).isFalse();
        assertThat(RecordIds.isSeq("42\u0000")).isFalse();
    }

    @Test
    void anEventIdIsPrintableAscii() {
        assertThat(RecordIds.isEventId("3f2b8c1e-6a4d-4f7e-9b1a-2c3d4e5f6a7b")).isTrue();
        assertThat(RecordIds.isEventId("source-1:event/7")).isTrue();
        assertThat(RecordIds.isEventId("999993653\u0000")).isFalse();
        assertThat(RecordIds.isEventId("\u202E999993653")).isFalse();
        assertThat(RecordIds.isEventId("999993653\u200B")).isFalse();
        assertThat(RecordIds.isEventId("\uD800")).isFalse();
        assertThat(RecordIds.isEventId("a b")).isFalse();
        assertThat(RecordIds.isEventId("")).isFalse();
        assertThat(RecordIds.isEventId("x".repeat(201))).isFalse();
    }
}
