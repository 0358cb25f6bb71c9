package nl.inzage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void retentionBelowFiveYearsIsRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(4)).hasMessageContaining("at least 5 years");
    }

    @Test
    void cutoffIsThatManyCalendarYearsBack() {
        assertThat(new RetentionPolicy(20).cutoff(Instant.parse("2045-03-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    }
}
