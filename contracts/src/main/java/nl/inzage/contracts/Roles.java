package nl.inzage.contracts;

/** Realm roles of the identity provider (Keycloak realm {@code geboortezorg}). */
public final class Roles {

    public static final String SOURCE_SYSTEM = "source-system";
    public static final String CLIENT = "client";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final String PEP = "pep";
    /** Runs the platform for a whole region: e.g. migrates a regional register's consents. */
    public static final String OPERATOR = "operator";
    /** Service accounts of the product's own services (e.g. the gateway calling consent-service). */
    public static final String SERVICE = "service";

    public static final String VERLOSKUNDIGE = "verloskundige";
    public static final String GYNAECOLOOG = "gynaecoloog";
    public static final String KINDERARTS = "kinderarts";
    public static final String HUISARTS = "huisarts";
    public static final String KRAAMVERZORGENDE = "kraamverzorgende";
    public static final String JGZ = "jgz";

    private Roles() {
    }
}
