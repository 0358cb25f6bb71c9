package nl.inzage.contracts;

/**
 * What a valid identifier looks like in every payload and request of the product. Each service
 * checks its input with these before it stores or decides anything.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** A BSN: nine digits passing the 11-test (weights 9..2 and -1, sum divisible by 11, not all zero). */
    public static boolean isValidBsn(String value) {
        if (value == null || value.length() != 9 || !allDigits(value)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (value.charAt(i) - '0');
        }
        sum -= value.charAt(8) - '0';
        return sum % 11 == 0 && sum != 0;
    }

    /** A URA number: eight digits. */
    public static boolean isValidUra(String value) {
        return value != null && value.length() == 8 && allDigits(value);
    }

    /** A UZI number (person): nine digits. */
    public static boolean isValidUzi(String value) {
        return value != null && value.length() == 9 && allDigits(value);
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
