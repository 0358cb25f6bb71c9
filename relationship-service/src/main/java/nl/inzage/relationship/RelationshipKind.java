package nl.inzage.relationship;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why an organisation is involved with a client (WGBO 7:457: treatment, referral, replacement). */
public enum RelationshipKind {
    TREATMENT("treatment"),
    REFERRAL("referral"),
    /** A waarnemer standing in for the practitioner: always for a limited time. */
    REPLACEMENT("replacement"),
    /** The viewer's one-time "toegang vragen": declared by the practitioner, never by a source system. */
    ACCESS_REQUEST("access-request");

    private final String code;

    RelationshipKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RelationshipKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(RelationshipKind::code).toList();
    }
}
