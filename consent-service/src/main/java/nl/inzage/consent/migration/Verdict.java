package nl.inzage.consent.migration;

/** What the validator found for one record; {@code detail} says what is missing or wrong, never a BSN. */
public record Verdict(Result result, String detail) {

    public enum Result {
        VALID("valid"),
        INCOMPLETE("incomplete"),
        INVALID("invalid"),
        NOT_MIGRATABLE("scope-not-migratable");

        private final String code;

        Result(String code) {
            this.code = code;
        }

        /** As it appears in the report and the database. */
        public String code() {
            return code;
        }
    }

    public static final Verdict VALID = new Verdict(Result.VALID, null);

    public boolean valid() {
        return result == Result.VALID;
    }
}
