package nl.inzage.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest(name = "BSN {0} valid={1}")
    @CsvSource({
            "999993653, true",
            "999990019, true",
            "999991772, true",
            "999993654, false", // last digit off: fails the 11-test
            "000000000, false", // passes the arithmetic but is no BSN
            "99999365, false",
            "9999936530, false",
            "99999365a, false",
            "'', false",
    })
    void bsnMustPassTheElevenTest(String bsn, boolean valid) {
        assertEquals(valid, Identifiers.isValidBsn(bsn));
    }

    @ParameterizedTest(name = "URA {0} valid={1}")
    @CsvSource({"00000101, true", "0000010, false", "000001011, false", "0000010x, false", "'', false"})
    void uraIsEightDigits(String ura, boolean valid) {
        assertEquals(valid, Identifiers.isValidUra(ura));
    }

    @ParameterizedTest(name = "UZI {0} valid={1}")
    @CsvSource({"900000101, true", "90000010, false", "9000001010, false", "9000001x1, false"})
    void uziIsNineDigits(String uzi, boolean valid) {
        assertEquals(valid, Identifiers.isValidUzi(uzi));
    }
}
