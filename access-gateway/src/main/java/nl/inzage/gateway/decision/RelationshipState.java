package nl.inzage.gateway.decision;

import java.time.LocalDate;

/** The gateway's view of one treatment relationship version. */
public record RelationshipState(String relationshipId, long version, String organization, String practitioner,
        String kind, String status, LocalDate start, LocalDate end) {

    public boolean activeOn(LocalDate day) {
        return "active".equals(status) && !day.isBefore(start) && (end == null || !day.isAfter(end));
    }

    public String versionedId() {
        return relationshipId + "/_history/" + version;
    }
}
