package nl.inzage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiNumbersTest {

    @Test
    void onlyAsciiDigitsAreANumber() {
        assertThat(AsciiNumbers.parse("0")).isZero();
        assertThat(AsciiNumbers.parse("500")).isEqualTo(500);
        assertThat(AsciiNumbers.parse("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void whatParseIntWouldReadIsRefused() {
        // Integer.parseInt reads all of these as numbers.
        assertThat(AsciiNumbers.parse("９９９")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("٩٩٩")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("+5")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("-1")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse(null)).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("5\u200B")).isEqualTo(-1);
        assertThat(AsciiNumbers.parse("9".repeat(19))).isEqualTo(-1);
    }
}
