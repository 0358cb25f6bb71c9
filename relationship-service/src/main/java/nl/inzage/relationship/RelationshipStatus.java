package nl.inzage.relationship;

import java.util.Arrays;

/** Lifecycle of a relationship. Ending one does not revoke any consent (WGBO 7:454). */
public enum RelationshipStatus {
    ACTIVE("active"),
    ENDED("ended");

    private final String code;

    RelationshipStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RelationshipStatus fromCode(String code) {
        return Arrays.stream(values()).filter(status -> status.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown relationship status '" + code + "'"));
    }
}
