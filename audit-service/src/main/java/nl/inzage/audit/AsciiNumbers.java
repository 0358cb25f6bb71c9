package nl.inzage.audit;

/**
 * Numbers in a request are ASCII digits only. {@link Integer#parseInt} and {@link Character#isDigit} also take
 * full-width and Arabic-Indic digits ({@code ９９９} is 999 to them), a leading {@code +} or {@code -}: a value a
 * person would read differently from the service is refused, not guessed at.
 */
public final class AsciiNumbers {

    private AsciiNumbers() {
    }

    /** One or more of {@code 0-9}, nothing else. */
    public static boolean isDigits(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The value as a long, or -1 when it is not ASCII digits or does not fit (the callers' ranges start at 0). */
    public static long parse(String value) {
        if (!isDigits(value) || value.length() > 18) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
