package nl.inzage.contracts;

/** Token claims the product reads; identity always comes from the token, never from a body. */
public final class Claims {

    public static final String URA = "ura";
    public static final String UZI = "uzi";
    public static final String BSN = "bsn";
    public static final String ORG_TYPE = "org_type";

    private Claims() {
    }
}
