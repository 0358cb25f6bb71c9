package nl.inzage.audit.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.inzage.audit.AccessDetails;
import nl.inzage.audit.AuditRecord;
import nl.inzage.contracts.ConsentChanged;
import nl.inzage.contracts.ConsentOutcome;
import nl.inzage.contracts.ConsentRules;
import nl.inzage.contracts.RelationshipChanged;

/**
 * Was this access decision right at that moment? Re-decides it from the logged change events alone,
 * with the rules the gateway applies: the client's consent at the data holder in force then (per
 * client and data holder the change with the highest store revision recorded by then; combined by
 * {@link ConsentRules}), an active treatment relationship of the requester's organisation on that
 * day, and the role-by-category matrix. Permit only when all three hold. Pure: no framework, no I/O.
 */
public final class LawfulnessReplay {

    private final Map<String, List<String>> matrix;
    private final ZoneId zone;

    public LawfulnessReplay(Map<String, List<String>> matrix, ZoneId zone) {
        this.matrix = matrix;
        this.zone = zone;
    }

    /**
     * @param consents      ConsentChanged events about the client recorded at or before the event
     * @param relationships RelationshipChanged events about the client recorded at or before the event
     */
    public Explanation explain(AuditRecord access, AccessDetails details, Collection<ConsentChanged> consents,
            Collection<RelationshipChanged> relationships) {
        Instant at = access.occurredAt();
        LocalDate day = at.atZone(zone).toLocalDate();

        Optional<ConsentChanged> consent = consents.stream()
                .filter(c -> access.dataHolderUra() != null && access.dataHolderUra().equals(c.custodianUra()))
                .filter(c -> !c.recordedAt().isAfter(at))
                .max(Comparator.comparingLong(ConsentChanged::revision).thenComparing(ConsentChanged::recordedAt));
        ConsentOutcome consentOutcome = consent
                .map(c -> ConsentRules.evaluate(c.status(), c.rules() == null ? List.of() : c.rules(),
                        access.organizationUra(), details.organizationType(), details.dataCategory()))
                .orElse(ConsentOutcome.NO_CHOICE);

        Map<String, RelationshipChanged> latest = new LinkedHashMap<>();
        relationships.stream()
                .filter(r -> !r.recordedAt().isAfter(at))
                .sorted(Comparator.comparingLong(RelationshipChanged::revision).thenComparing(RelationshipChanged::recordedAt))
                .forEach(r -> latest.put(r.relationshipId(), r));
        List<RelationshipVersion> ofRequester = latest.values().stream()
                .filter(r -> r.organization().equals(access.organizationUra()))
                .map(r -> new RelationshipVersion(r.relationshipId(), r.version(), r.kind(), r.status(), r.start(), r.end(),
                        r.recordedAt(), activeOn(r, day)))
                .toList();
        boolean relationshipActive = ofRequester.stream().anyMatch(RelationshipVersion::activeThatDay);

        List<String> allowed = access.practitionerRole() == null ? null : matrix.get(access.practitionerRole());
        boolean rolePermits = allowed != null && details.dataCategory() != null && allowed.contains(details.dataCategory());

        boolean expectedPermit = consentOutcome == ConsentOutcome.PERMIT && relationshipActive && rolePermits;
        String expected = expectedPermit ? "permit" : "deny";
        return new Explanation(at, day, consent.map(ConsentVersion::of).orElse(null), consentOutcome.name().toLowerCase()
                .replace('_', '-'), ofRequester, relationshipActive,
                new RoleCheck(access.practitionerRole(), details.dataCategory(), rolePermits), access.decision(), expected,
                expected.equals(access.decision()));
    }

    private static boolean activeOn(RelationshipChanged r, LocalDate day) {
        return "active".equals(r.status()) && r.start() != null && !day.isBefore(r.start())
                && (r.end() == null || !day.isAfter(r.end()));
    }
}
